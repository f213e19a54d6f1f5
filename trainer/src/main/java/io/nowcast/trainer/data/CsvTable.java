package io.nowcast.trainer.data;

import io.nowcast.sensors.csv.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as text: a header row of names and data rows of fields, with RFC 4180 quoting
 * ({@code "a,b"}, {@code ""} for a quote inside quotes). A header may name fewer columns than the
 * rows have fields, as in the UCI occupancy files (7 names, 8 fields, an unnamed row number first):
 * the names then belong to the <em>last</em> fields of each row.
 */
public final class CsvTable {
    private final String source;
    private final List<String> names;
    private final List<String[]> rows;
    private final List<Integer> lineNumbers; // 1-based line of each row in the file

    private CsvTable(String source, List<String> names, List<String[]> rows, List<Integer> lineNumbers) {
        this.source = source;
        this.names = names;
        this.rows = rows;
        this.lineNumbers = lineNumbers;
    }

    /** Reads the whole file; blank lines are skipped. */
    public static CsvTable read(Path file) throws IOException {
        String source = file.toString();
        List<String> names = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int fieldCount = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, source, lineNo);
                if (names == null) {
                    names = List.of(fields);
                    continue;
                }
                if (fieldCount < 0) {
                    fieldCount = fields.length;
                    if (fieldCount < names.size()) {
                        throw new DataException(source + ":" + lineNo + ": row has " + fieldCount
                                + " fields, fewer than the header's " + names.size() + " names");
                    }
                } else if (fields.length != fieldCount) {
                    throw new DataException(source + ":" + lineNo + ": row has " + fields.length
                            + " fields, the rows before it have " + fieldCount);
                }
                rows.add(fields);
                lines.add(lineNo);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(source + ": no such file");
        }
        if (names == null) {
            throw new DataException(source + ":1: empty file, expected a header row");
        }
        return new CsvTable(source, names, rows, lines);
    }

    /** Splits one line into fields, removing quotes. */
    static String[] split(String line, String source, int lineNo) {
        try {
            return CsvLine.split(line).toArray(String[]::new);
        } catch (IllegalArgumentException e) {
            throw new DataException(source + ":" + lineNo + ": " + e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The field index of the named column, or a DataException listing the names there are. */
    public int column(String name) {
        int k = names.indexOf(name);
        if (k < 0) {
            throw new DataException(source + ":1: no column '" + name + "' in the header (columns: "
                    + String.join(", ", names) + ")");
        }
        int unnamedLeading = rows.isEmpty() ? 0 : rows.get(0).length - names.size();
        return k + unnamedLeading;
    }

    /** The text of field {@code field} in data row {@code row}. */
    public String field(int row, int field) {
        return rows.get(row)[field];
    }

    /** The line of the file that data row {@code row} came from (1-based). */
    public int line(int row) {
        return lineNumbers.get(row);
    }
}
