package io.nowcast.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: comma-separated, a field may be quoted with {@code "}, and a
 * quote inside a quoted field is doubled (RFC 4180). Fields are not trimmed inside quotes;
 * unquoted fields are trimmed. The one CSV splitter of the project: histories, replay, the
 * trainer's tables and the runtime's predict all read fields through it.
 */
public final class CsvLine {
    private CsvLine() {
    }

    /** @throws IllegalArgumentException on an unterminated quote */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;      // inside quotes now
        boolean wasQuoted = false;   // the current field started with a quote
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
    }
}
