package io.nowcast.trainer.data;

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
}
