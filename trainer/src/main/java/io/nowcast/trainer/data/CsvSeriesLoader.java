package io.nowcast.trainer.data;

import io.nowcast.sensors.csv.TimestampParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Loads timestamped numeric columns from a CSV file: the timestamp column chosen by name and
 * parsed by a {@link TimestampParser}, value columns chosen by name. Empty fields and
 * {@code NA}/{@code NaN}/{@code null} are missing values (NaN). Rows are sorted by time.
 */
public final class CsvSeriesLoader {
    private final String timestampColumn;
    private final TimestampParser timestamps;

    public CsvSeriesLoader(String timestampColumn, TimestampParser timestamps) {
        this.timestampColumn = timestampColumn;
        this.timestamps = timestamps;
    }

    public RawSeries load(Path file, List<String> columns) throws IOException {
        CsvTable table = CsvTable.read(file);
        int tsField = table.column(timestampColumn);
        int[] fields = columns.stream().mapToInt(table::column).toArray();
        int n = table.rowCount();
        long[] millis = new long[n];
        double[][] values = new double[n][columns.size()];
        for (int r = 0; r < n; r++) {
            String ts = table.field(r, tsField);
            try {
                Instant t = timestamps.parse(ts);
                millis[r] = t.toEpochMilli();
            } catch (IllegalArgumentException e) {
                throw DataException.at(table.source(), table.line(r), timestampColumn, e.getMessage());
            }
            for (int c = 0; c < fields.length; c++) {
                values[r][c] = number(table, r, fields[c], columns.get(c));
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> millis[i]));
        long[] sortedMillis = new long[n];
        double[][] sortedValues = new double[n][];
        for (int i = 0; i < n; i++) {
            sortedMillis[i] = millis[order[i]];
            sortedValues[i] = values[order[i]];
        }
        return new RawSeries(file.toString(), sortedMillis, List.copyOf(columns), sortedValues);
    }

    private static double number(CsvTable table, int row, int field, String name) {
        String text = table.field(row, field);
        if (text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN") || text.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw DataException.at(table.source(), table.line(row), name, "'" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw DataException.at(table.source(), table.line(row), name, "'" + text + "' is not a finite number");
        }
        return v;
    }
}
