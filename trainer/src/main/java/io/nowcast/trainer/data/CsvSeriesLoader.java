package io.nowcast.trainer.data;

import io.nowcast.history.HistoryReader;
import io.nowcast.history.Quantity;
import io.nowcast.history.TimestampParser;
import io.nowcast.history.UsUnits;
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
 *
 * <p>A column asked for as {@code <dir>_sin} or {@code <dir>_cos} that the file does not have is
 * served by its direction column {@code <dir>} ({@link Resampler#sourceColumn}), loaded as it is.
 * With US units, every column named as a station quantity ({@link Quantity#byChannelName}) is
 * converted to the station's unit ({@link UsUnits#toStation}: °F → °C, inHg → hPa, mph → km/h,
 * in → mm); other columns are left as written.
 */
public final class CsvSeriesLoader {
    private final String timestampColumn;
    private final TimestampParser timestamps;
    private final boolean usUnits;

    public CsvSeriesLoader(String timestampColumn, TimestampParser timestamps) {
        this(timestampColumn, timestamps, false);
    }

    /** @param usUnits whether the file's quantities are in US customary units */
    public CsvSeriesLoader(String timestampColumn, TimestampParser timestamps, boolean usUnits) {
        this.timestampColumn = timestampColumn;
        this.timestamps = timestamps;
        this.usUnits = usUnits;
    }

    /** @return the series of {@link Resampler#sourceColumns} of {@code wanted} */
    public RawSeries load(Path file, List<String> wanted) throws IOException {
        List<Long> millis = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<String> columns;
        try (HistoryReader csv = HistoryReader.open(file, timestampColumn, timestamps)) {
            columns = Resampler.sourceColumns(wanted,
                    name -> csv.header().stream().anyMatch(h -> h.equalsIgnoreCase(name)));
            int[] column = new int[columns.size()];
            Quantity[] quantity = new Quantity[column.length]; // [column]: null when left as written
            for (int c = 0; c < column.length; c++) {
                column[c] = csv.column(columns.get(c));
                quantity[c] = usUnits ? Quantity.byChannelName(columns.get(c)).orElse(null) : null;
            }
            for (HistoryReader.Row row = csv.next(); row != null; row = csv.next()) {
                double[] v = new double[column.length];
                for (int c = 0; c < column.length; c++) {
                    double x = csv.value(row, column[c]);
                    v[c] = quantity[c] == null ? x : UsUnits.toStation(quantity[c], x);
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
