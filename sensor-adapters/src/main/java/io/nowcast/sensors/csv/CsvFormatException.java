package io.nowcast.sensors.csv;

/** A CSV history file or one of its rows is malformed; the message names the file and line. */
public class CsvFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(String message) {
        super(message);
    }
}
