package io.nowcast.runtime.forecast;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time: comma-separated, fields optionally in double quotes with {@code ""}
 * for a quote inside, one record per line, blank lines skipped. Knows its line number, so that
 * every error can say where it is. The first record is the header.
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
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    field.append('"');
                    k++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CsvFormatException(source + ":" + lineNumber + ": a quoted field is not closed");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return fields;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
