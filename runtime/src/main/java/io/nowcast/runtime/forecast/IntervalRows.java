package io.nowcast.runtime.forecast;

import io.nowcast.history.CsvFormatException;
import io.nowcast.history.HistoryReader;
import io.nowcast.history.IntervalAggregator;
import io.nowcast.runtime.station.Channel;
import java.io.IOException;
import java.util.List;

/**
 * The rows of a history resampled to a model's interval Δ by the station's rule: grid point k·Δ
 * (Unix epoch seconds) stands for the centred interval [k·Δ − Δ/2, k·Δ + Δ/2), and each channel's
 * value is the aggregate of the rows in it ({@link IntervalAggregator}: mean, sum of rain, largest
 * gust, mean direction), missing values left out. Only intervals that hold at least one row are
 * returned; a caller sees a gap as a jump of more than one in the grid index. Rows must come in
 * time order.
 */
final class IntervalRows {
    private final HistoryReader csv;
    private final int[] column; // [channel]: its column in the file
    private final long intervalMillis; // Δ in ms
    private final IntervalAggregator aggregator;
    private HistoryReader.Row pending; // the first row of the next interval, already read
    private boolean started;

    /** @param columns the file's column of each channel, in the order of {@code channels} */
    IntervalRows(HistoryReader csv, List<Channel> channels, int[] columns, long intervalSeconds) {
        this.csv = csv;
        this.column = columns.clone();
        this.intervalMillis = intervalSeconds * 1000;
        this.aggregator = new IntervalAggregator(channels.stream().map(Channel::aggregation).toList());
    }

    /**
     * Resamples the next interval that has rows, writing each channel's value (NaN where no row had
     * one) into {@code out} [channels].
     *
     * @return the interval's grid index k (its time is k·Δ), or Long.MIN_VALUE at the end of the file
     * @throws CsvFormatException naming the line of a row whose time goes backwards, or of a bad value
     */
    long next(double[] out) throws IOException {
        if (!started) {
            pending = csv.next();
            started = true;
        }
        if (pending == null) {
            return Long.MIN_VALUE;
        }
        long k = gridIndex(pending);
        aggregator.clear();
        while (pending != null && gridIndex(pending) == k) {
            for (int c = 0; c < column.length; c++) {
                aggregator.add(c, csv.value(pending, column[c]));
            }
            HistoryReader.Row previous = pending;
            pending = csv.next();
            if (pending != null && pending.time().isBefore(previous.time())) {
                throw new CsvFormatException(csv.source() + ":" + pending.line() + ": " + pending.time()
                        + " is before the row above (" + previous.time() + "); rows must be in time order");
            }
        }
        aggregator.values(out);
        return k;
    }

    private long gridIndex(HistoryReader.Row row) {
        return Math.floorDiv(row.time().toEpochMilli() + intervalMillis / 2, intervalMillis);
    }
}
