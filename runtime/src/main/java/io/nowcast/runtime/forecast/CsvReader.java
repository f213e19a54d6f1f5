package io.nowcast.runtime.forecast;

import io.nowcast.sensors.csv.CsvLine;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads CSV records one at a time, one record per line, blank lines skipped, fields split by
 * {@link CsvLine} (RFC 4180 quoting). Knows its line number, so that every error can say where
 * it is. The first record is the header.
 */
public final class CsvReader implements Closeable {
    private final BufferedReader in;
    private final String source;
    private int lineNumber;

    public CsvReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Name of the input in messages (usually its path). */
    public String source() {
        return source;
    }

    /** Line number of the record last returned by {@link #next()}, counted from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        return split(line);
    }

    private List<String> split(String line) throws CsvFormatException {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(source + ":" + lineNumber + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
