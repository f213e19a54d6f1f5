package io.nowcast.history;

import java.util.Arrays;
import java.util.List;

/**
 * Collects the readings of one interval, column by column, and gives each column's value by its
 * {@link Aggregation}. The station, {@code nowcast predict} and the trainer resample through this
 * one class, so that a model sees the same values in training and on the device.
 *
 * <p>State lives in arrays sized once (one slot per column); {@link #add} and {@link #values}
 * allocate nothing.
 */
public final class IntervalAggregator {
    private static final double DEGREES = Math.PI / 180;

    private final Aggregation[] rule; // [column]
    private final double[] sum; // [column]: Σ value (MEAN, SUM), max (MAX), Σ sin θ (DIRECTION)
    private final double[] cosSum; // [column]: Σ cos θ (DIRECTION only)
    private final int[] count; // [column]: readings collected

    public IntervalAggregator(List<Aggregation> rules) {
        this.rule = rules.toArray(new Aggregation[0]);
        this.sum = new double[rule.length];
        this.cosSum = new double[rule.length];
        this.count = new int[rule.length];
    }

    /** The aggregator for columns named {@code names} ({@link Quantity#aggregationOf}). */
    public static IntervalAggregator forColumns(List<String> names) {
        return new IntervalAggregator(names.stream().map(Quantity::aggregationOf).toList());
    }

    public int columns() {
        return rule.length;
    }

    /** Forgets what was collected. */
    public void clear() {
        Arrays.fill(sum, 0);
        Arrays.fill(cosSum, 0);
        Arrays.fill(count, 0);
    }

    /** Adds one reading of column {@code c}; a NaN or infinite value is left out. */
    public void add(int c, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        switch (rule[c]) {
            case MEAN, SUM -> sum[c] += value;
            case MAX -> sum[c] = count[c] == 0 ? value : Math.max(sum[c], value);
            case DIRECTION -> {
                sum[c] += Math.sin(value * DEGREES);
                cosSum[c] += Math.cos(value * DEGREES);
            }
        }
        count[c]++;
    }

    /** How many readings of column {@code c} were collected. */
    public int count(int c) {
        return count[c];
    }

    /** The value of column {@code c} over the readings collected: NaN when there were none. */
    public double value(int c) {
        if (count[c] == 0) {
            return Double.NaN;
        }
        return switch (rule[c]) {
            case MEAN -> sum[c] / count[c];
            case SUM, MAX -> sum[c];
            case DIRECTION -> direction(sum[c], cosSum[c], count[c]);
        };
    }

    /** Writes every column's value into {@code out} ([columns]). */
    public void values(double[] out) {
        for (int c = 0; c < rule.length; c++) {
            out[c] = value(c);
        }
    }

    private static double direction(double sinSum, double cosSum, int n) {
        if (Math.hypot(sinSum, cosSum) < 1e-9 * n) {
            return Double.NaN;
        }
        double degrees = Math.toDegrees(Math.atan2(sinSum, cosSum));
        return degrees < 0 ? degrees + 360 : degrees;
    }
}
