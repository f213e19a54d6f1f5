package io.nowcast.runtime.station;

import io.nowcast.history.IntervalAggregator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Resamples readings to the model's interval by the trainer's rule (nowcast-train's Resampler):
 * grid point k·Δ (Unix epoch seconds) stands for the centred interval [k·Δ − Δ/2, k·Δ + Δ/2) and
 * its value is the aggregate ({@link IntervalAggregator}: mean, sum, max or mean direction, by
 * channel) of the good readings whose time falls inside it. Rejected or missing readings are left
 * out; an interval without any good reading of a channel has no value for it (NaN). An interval is
 * labelled with its grid point k·Δ, and is complete at k·Δ + Δ/2.
 *
 * <p>State lives in arrays sized once, one slot per channel.
 */
final class IntervalMeans {
    private final long intervalSeconds; // Δ
    private final IntervalAggregator aggregator;
    private final int[] bad; // [channel]: readings marked missing or rejected
    private long start = Long.MIN_VALUE; // epoch seconds of the grid point being collected

    IntervalMeans(List<Channel> channels, long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
        this.aggregator = new IntervalAggregator(channels.stream().map(Channel::aggregation).toList());
        this.bad = new int[channels.size()];
    }

    /** The grid point (epoch seconds) of the interval that holds {@code t}. */
    long intervalOf(Instant t) {
        long intervalMillis = intervalSeconds * 1000;
        return Math.floorDiv(t.toEpochMilli() + intervalMillis / 2, intervalMillis) * intervalSeconds;
    }

    /** The grid point (epoch seconds) of the interval being collected, or Long.MIN_VALUE before the first. */
    long start() {
        return start;
    }

    /** Begins collecting the interval of grid point {@code startSeconds}, forgetting what was collected. */
    void begin(long startSeconds) {
        start = startSeconds;
        aggregator.clear();
        Arrays.fill(bad, 0);
    }

    /** Adds one reading of channel {@code c} to the current interval. */
    void add(int c, double value, boolean ok) {
        if (ok && Double.isFinite(value)) {
            aggregator.add(c, value);
        } else {
            bad[c]++;
        }
    }

    /** Writes the interval's value per channel (NaN where it had no good reading) into {@code out}. */
    void means(double[] out) {
        aggregator.values(out);
    }

    int goodReadings(int c) {
        return aggregator.count(c);
    }

    int badReadings(int c) {
        return bad[c];
    }
}
