package io.nowcast.history;

import java.io.IOException;

/**
 * A history file, or one of its rows, cannot be used as written. The message is one line that
 * starts with {@code FILE:LINE:} and, for a field, names its column.
 */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }
}
