package io.nowcast.trainer.data;

import io.nowcast.history.HistoryReader;
import io.nowcast.history.TimestampParser;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Loads timestamped numeric columns from a history file ({@link HistoryReader}, whose rules say
 * what a missing value is): the time column chosen by name, value columns chosen by name. Rows
 * are sorted by time.
 */
public final class CsvSeriesLoader {
    private final String timestampColumn;
    private final TimestampParser timestamps;

    public CsvSeriesLoader(String timestampColumn, TimestampParser timestamps) {
        this.timestampColumn = timestampColumn;
        this.timestamps = timestamps;
    }

    public RawSeries load(Path file, List<String> columns) throws IOException {
        List<Long> millis = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        try (HistoryReader csv = HistoryReader.open(file, timestampColumn, timestamps)) {
            int[] column = new int[columns.size()];
            for (int c = 0; c < column.length; c++) {
                column[c] = csv.column(columns.get(c));
            }
            for (HistoryReader.Row row = csv.next(); row != null; row = csv.next()) {
                double[] v = new double[column.length];
                for (int c = 0; c < column.length; c++) {
                    v[c] = csv.value(row, column[c]);
                }
                millis.add(row.time().toEpochMilli());
                values.add(v);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        }
        Integer[] order = new Integer[millis.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(millis::get));
        long[] sortedMillis = new long[order.length];
        double[][] sortedValues = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            sortedMillis[i] = millis.get(order[i]);
            sortedValues[i] = values.get(order[i]);
        }
        return new RawSeries(file.toString(), sortedMillis, List.copyOf(columns), sortedValues);
    }
}
