package io.nowcast.runtime.forecast;

import java.io.IOException;

/** Input CSV that cannot be used; the message says file, line and column. */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }
}
