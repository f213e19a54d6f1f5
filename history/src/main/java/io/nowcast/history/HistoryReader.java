package io.nowcast.history;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a history in the station's CSV format, one row at a time. The one reader of the project:
 * the trainer, {@code nowcast predict} and CSV replay all read through it, with these rules.
 * <ul>
 *   <li>UTF-8; a byte-order mark before the header is ignored. Blank lines are skipped (and
 *       counted, so that line numbers are the file's).</li>
 *   <li>Fields split by {@link CsvLine}: commas, RFC 4180 quoting.</li>
 *   <li>The first line that is not blank is the header. Names are matched ignoring case; an empty or repeated name
 *       (ignoring case) is an error.</li>
 *   <li>Rows have as many fields as the header has names, or all have one more: a leading row
 *       label, which is dropped (R's {@code write.csv} writes them; the UCI occupancy files look
 *       like that). The first row decides which; a row that differs is an error.</li>
 *   <li>The time column (by name, default {@code timestamp}) is parsed by a
 *       {@link TimestampParser}: ISO-8601 instants and offsets, local times in a given zone, or a
 *       pattern.</li>
 *   <li>Values are decimal numbers; an empty field, {@code NA}, {@code NaN} or {@code null} (any
 *       case) is a missing value.</li>
 *   <li>Every error is a {@link CsvFormatException} whose message starts with
 *       {@code FILE:LINE:} and names the column.</li>
 * </ul>
 */
public final class HistoryReader implements Closeable {
    /** The name of the time column that the station writes and the tools expect by default. */
    public static final String TIMESTAMP = "timestamp";

    private final String source;
    private final BufferedReader in;
    private final List<String> header;       // names as written, header order
    private final int timeIndex;             // index in header, or -1 when the file has no time column
    private final List<String> valueColumns; // header without the time column
    private final TimestampParser times;
    private final long headerLine;           // 1 unless blank lines come first
    private long line;                       // line of the last row read
    private int rowWidth = -1;               // fields per row, fixed by the first good row: header size (+1 with row labels)

    /**
     * One data row.
     *
     * @param line   1-based line number in the file
     * @param time   the row's instant, or null when the history has no time column
     * @param values the fields of {@link #valueColumns()}, in that order, as written
     */
    public record Row(long line, Instant time, List<String> values) {
    }

    private HistoryReader(String source, BufferedReader in, long headerLine, List<String> header, int timeIndex,
            TimestampParser times) {
        this.source = source;
        this.in = in;
        this.headerLine = headerLine;
        this.line = headerLine;
        this.header = header;
        this.timeIndex = timeIndex;
        this.times = times;
        List<String> v = new ArrayList<>(header);
        if (timeIndex >= 0) {
            v.remove(timeIndex);
        }
        this.valueColumns = List.copyOf(v);
    }

    /** Opens {@code file}, whose time column must exist. */
    public static HistoryReader open(Path file, String timeColumn, TimestampParser times) throws IOException {
        return open(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), timeColumn, times, true);
    }

    /**
     * Reads the header of {@code in}; closes {@code in} when that fails.
     *
     * @param source       the input's name in messages (a path, or "stdin")
     * @param timeRequired whether a file without the time column is an error; without it, rows
     *                     have no time
     * @throws CsvFormatException when the header is missing, has an empty or repeated name, or
     *                            lacks a required time column
     */
    public static HistoryReader open(BufferedReader in, String source, String timeColumn, TimestampParser times,
            boolean timeRequired) throws IOException {
        try {
            String first;
            long line = 0;
            do {
                first = in.readLine();
                line++;
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new CsvFormatException(source + ":1: the file is empty; it needs a header row naming its columns");
            }
            List<String> header = split(stripBom(first), source, line);
            Set<String> seen = new HashSet<>();
            int time = -1;
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.isEmpty() || !seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new CsvFormatException(source + ":" + line + ": column " + (i + 1) + ": the name '" + name
                            + "' is empty or repeated");
                }
                if (name.equalsIgnoreCase(timeColumn)) {
                    time = i;
                }
            }
            if (time < 0 && timeRequired) {
                throw new CsvFormatException(source + ":" + line + ": no time column '" + timeColumn + "' (columns: "
                        + String.join(", ", header) + ")");
            }
            return new HistoryReader(source, in, line, List.copyOf(header), time, times);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The input's name in messages. */
    public String source() {
        return source;
    }

    /** Whether rows carry a time. */
    public boolean hasTimes() {
        return timeIndex >= 0;
    }

    /** Every column's name as written, header order, the time column included. */
    public List<String> header() {
        return header;
    }

    /** The value columns, header order, without the time column. */
    public List<String> valueColumns() {
        return valueColumns;
    }

    /**
     * The index in {@link Row#values()} of the column named {@code name} (ignoring case).
     *
     * @throws CsvFormatException naming the columns there are, when there is none
     */
    public int column(String name) throws CsvFormatException {
        int k = columnOrMinusOne(name);
        if (k < 0) {
            throw new CsvFormatException(source + ":" + headerLine + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return k;
    }

    /** The index in {@link Row#values()} of the column named {@code name} (ignoring case), or -1. */
    public int columnOrMinusOne(String name) {
        for (int k = 0; k < valueColumns.size(); k++) {
            if (valueColumns.get(k).equalsIgnoreCase(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The next data row, or null at the end of the input.
     *
     * @throws CsvFormatException for a malformed row (unclosed quote, wrong field count, bad time);
     *                            the rows after it can still be read
     */
    public Row next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        List<String> fields = split(text, source, line);
        if (rowWidth < 0 && (fields.size() == header.size() || fields.size() == header.size() + 1)) {
            rowWidth = fields.size();
        }
        if (fields.size() != rowWidth) {
            throw new CsvFormatException(source + ":" + line + ": " + fields.size() + " fields, " + (rowWidth < 0
                    ? "the header names " + header.size() + " (one more, a leading row label, is allowed)"
                    : "the rows before it have " + rowWidth));
        }
        if (rowWidth > header.size()) {
            fields = fields.subList(1, fields.size()); // the leading row label
        }
        Instant time = timeIndex < 0 ? null : parseTime(fields.get(timeIndex));
        List<String> values = new ArrayList<>(fields);
        if (timeIndex >= 0) {
            values.remove(timeIndex);
        }
        return new Row(line, time, values);
    }

    /**
     * Value column {@code column} of {@code row} as a number: NaN when missing (see
     * {@link #isMissing}).
     *
     * @throws CsvFormatException naming file, line and column for text that is not a finite number
     */
    public double value(Row row, int column) throws CsvFormatException {
        String field = row.values().get(column);
        if (isMissing(field)) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(where(row, column) + "'" + field + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CsvFormatException(where(row, column) + "'" + field + "' is not a finite number");
        }
        return v;
    }

    /** "FILE:LINE: column 'NAME': ", the start of a message about one field. */
    public String where(Row row, int column) {
        return source + ":" + row.line() + ": column '" + valueColumns.get(column) + "': ";
    }

    /** Whether a field holds no value: empty, {@code NA}, {@code NaN} or {@code null}, any case. */
    public static boolean isMissing(String field) {
        return field.isEmpty() || field.equalsIgnoreCase("NA") || field.equalsIgnoreCase("NaN")
                || field.equalsIgnoreCase("null");
    }

    private Instant parseTime(String text) throws CsvFormatException {
        try {
            return times.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(source + ":" + line + ": column '" + header.get(timeIndex) + "': " + e.getMessage());
        }
    }

    private static List<String> split(String text, String source, long line) throws CsvFormatException {
        try {
            return CsvLine.split(text);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(source + ":" + line + ": " + e.getMessage());
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
