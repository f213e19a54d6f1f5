package io.nowcast.history.weewx;

import java.io.IOException;

/**
 * A weewx archive cannot be read as one: the message is one line that starts with the file's name
 * and says what is missing or wrong (the {@code archive} table, a column, a row's {@code usUnits}),
 * or that the SQLite driver is not on the class path.
 */
public final class WeewxArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeewxArchiveException(String message) {
        super(message);
    }
}
