package io.nowcast.trainer.data;

import java.util.Arrays;
import java.util.List;

/**
 * Readings as loaded, before resampling: one row per CSV row, sorted by time.
 *
 * @param source       where they came from (a file name)
 * @param epochMillis  [rows], ascending
 * @param columns      the names of the value columns
 * @param values       [rows][columns]; NaN where a value is missing
 */
public record RawSeries(String source, long[] epochMillis, List<String> columns, double[][] values) {
    public int rowCount() {
        return epochMillis.length;
    }

    /** The rows stamped at or after {@code fromMillis} and before {@code untilMillis}. */
    public RawSeries within(long fromMillis, long untilMillis) {
        int first = 0;
        while (first < epochMillis.length && epochMillis[first] < fromMillis) {
            first++;
        }
        int end = first;
        while (end < epochMillis.length && epochMillis[end] < untilMillis) {
            end++;
        }
        if (first == 0 && end == epochMillis.length) {
            return this;
        }
        return new RawSeries(source, Arrays.copyOfRange(epochMillis, first, end), columns,
                Arrays.copyOfRange(values, first, end));
    }
}
