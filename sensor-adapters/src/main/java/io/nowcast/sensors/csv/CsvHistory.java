package io.nowcast.sensors.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a recorded history in the trainer's CSV format, one row at a time:
 * <ul>
 *   <li>a header row naming the columns; one of them (default {@code timestamp}) holds the time;</li>
 *   <li>times in ISO-8601: an instant with zone or offset ({@code 2026-01-01T00:00:00Z}), or a local
 *       date-time ({@code 2015-02-04 17:51:00} or with {@code T}) taken in a configured zone;</li>
 *   <li>the other columns numeric; an empty field (or {@code NA}) is a missing value.</li>
 * </ul>
 * Quirks of published files are accepted: quoted fields and names, and rows with one more field
 * than the header names, whose first field is a row label (as R's {@code write.csv} writes; the
 * UCI occupancy files look like that) and is dropped.
 */
public final class CsvHistory implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private final int timestampIndex;       // in header order
    private final List<String> header;
    private final List<String> valueColumns;
    private final TimestampParser times;
    private long line = 1;                  // the header is line 1

    /**
     * One data row.
     *
     * @param line   1-based line number in the file
     * @param time   the row's instant
     * @param values the raw fields of {@link #valueColumns()}, in that order
     */
    public record Row(long line, Instant time, List<String> values) {
    }

    private CsvHistory(Path file, BufferedReader in, List<String> header, int timestampIndex, ZoneId zone) {
        this.file = file;
        this.in = in;
        this.header = header;
        this.timestampIndex = timestampIndex;
        this.times = new TimestampParser(null, zone);
        List<String> v = new ArrayList<>(header);
        v.remove(timestampIndex);
        this.valueColumns = List.copyOf(v);
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws CsvFormatException when the header is empty, repeats a name or lacks the time column
     */
    public static CsvHistory open(Path file, String timestampColumn, ZoneId zone) throws IOException, CsvFormatException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new CsvFormatException(file + ": line 1: no header row");
            }
            List<String> header;
            try {
                header = CsvLine.split(stripBom(first));
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(file + ": line 1: " + e.getMessage());
            }
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (name.isEmpty() || !seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new CsvFormatException(file + ": line 1: column name '" + name + "' is empty or repeated");
                }
            }
            int ts = -1;
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(timestampColumn)) {
                    ts = i;
                }
            }
            if (ts < 0) {
                throw new CsvFormatException(file + ": line 1: no column '" + timestampColumn + "' (columns: "
                        + String.join(", ", header) + ")");
            }
            return new CsvHistory(file, in, List.copyOf(header), ts, zone);
        } catch (IOException | CsvFormatException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The numeric columns, header order, without the time column. */
    public List<String> valueColumns() {
        return valueColumns;
    }

    public Path file() {
        return file;
    }

    /**
     * The next data row; empty at the end of the file. Blank lines are skipped.
     *
     * @throws CsvFormatException for a malformed row (wrong field count, bad time); the rows after
     *                            it can still be read
     */
    public Optional<Row> next() throws IOException, CsvFormatException {
        String text;
        do {
            text = in.readLine();
            line++;
            if (text == null) {
                return Optional.empty();
            }
        } while (text.isBlank());
        List<String> fields;
        try {
            fields = CsvLine.split(text);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(file + ": line " + line + ": " + e.getMessage());
        }
        if (fields.size() == header.size() + 1) {
            fields = fields.subList(1, fields.size());   // leading row label
        }
        if (fields.size() != header.size()) {
            throw new CsvFormatException(file + ": line " + line + ": " + fields.size() + " fields, the header names "
                    + header.size());
        }
        Instant time = parseTime(fields.get(timestampIndex));
        List<String> values = new ArrayList<>(fields);
        values.remove(timestampIndex);
        return Optional.of(new Row(line, time, List.copyOf(values)));
    }

    private Instant parseTime(String text) throws CsvFormatException {
        try {
            return times.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(file + ": line " + line + ": " + e.getMessage()
                    + " (2026-01-01T00:00:00Z, or 2026-01-01 00:00:00 in the configured zone)");
        }
    }

    /** Parses a value field: empty or NA is missing (empty result). */
    public static Optional<Double> parseValue(String field) throws NumberFormatException {
        String f = field.trim();
        if (f.isEmpty() || f.equalsIgnoreCase("NA")) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(f));
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
