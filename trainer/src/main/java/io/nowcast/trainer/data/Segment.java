package io.nowcast.trainer.data;

import java.time.Instant;

/**
 * A gap-free stretch of a resampled series: row r is the interval centred on
 * {@code startEpochSeconds + r · intervalSeconds}.
 *
 * @param values [rows][columns], every value finite
 */
public record Segment(long startEpochSeconds, long intervalSeconds, double[][] values) {
    public int rowCount() {
        return values.length;
    }

    public long epochSeconds(int row) {
        return startEpochSeconds + row * intervalSeconds;
    }

    public Instant instant(int row) {
        return Instant.ofEpochSecond(epochSeconds(row));
    }

    /** Rows [from, to) as a segment of their own. */
    public Segment slice(int from, int to) {
        double[][] part = new double[to - from][];
        System.arraycopy(values, from, part, 0, to - from);
        return new Segment(epochSeconds(from), intervalSeconds, part);
    }
}
