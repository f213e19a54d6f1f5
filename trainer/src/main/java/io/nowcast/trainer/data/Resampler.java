package io.nowcast.trainer.data;

import io.nowcast.history.IntervalAggregator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts readings on a regular grid: grid point k stands for the interval
 * [k·Δ − Δ/2, k·Δ + Δ/2) (Δ = the interval), and aggregates the readings in it column by column,
 * each by its quantity's rule ({@link IntervalAggregator}: the mean, the sum of rain amounts, the
 * largest gust, the mean wind direction), missing values left out: the very rule of the station and
 * {@code nowcast predict}. Centred intervals keep jittered one-a-minute readings
 * (17:51:00, 17:51:59, 17:53:00) one per grid point.
 *
 * <p>A stretch of more than {@code gapToleranceSeconds} without readings breaks the series into
 * separate {@link Segment}s, so that no window spans it. Shorter holes, and values missing in one
 * column only, are filled by linear interpolation between the neighbouring grid points of the same
 * segment (by the nearest value at a segment's ends). A segment where a column has no value at all
 * is dropped.
 */
public final class Resampler {
    private final long intervalSeconds;
    private final long gapToleranceSeconds;

    public Resampler(long intervalSeconds, long gapToleranceSeconds) {
        if (intervalSeconds < 1 || gapToleranceSeconds < 0) {
            throw new IllegalArgumentException("interval must be >= 1 s and gap tolerance >= 0 s");
        }
        this.intervalSeconds = intervalSeconds;
        this.gapToleranceSeconds = gapToleranceSeconds;
    }

    public List<Segment> resample(RawSeries series) {
        int cols = series.columns().size();
        long intervalMs = intervalSeconds * 1000;
        List<long[]> slots = new ArrayList<>(); // grid index k of each occupied slot
        List<double[]> means = new ArrayList<>();
        IntervalAggregator aggregator = IntervalAggregator.forColumns(series.columns());
        int r = 0;
        int n = series.rowCount();
        while (r < n) {
            long k = Math.floorDiv(series.epochMillis()[r] + intervalMs / 2, intervalMs);
            aggregator.clear();
            while (r < n && Math.floorDiv(series.epochMillis()[r] + intervalMs / 2, intervalMs) == k) {
                double[] row = series.values()[r];
                for (int c = 0; c < cols; c++) {
                    aggregator.add(c, row[c]);
                }
                r++;
            }
            double[] values = new double[cols];
            aggregator.values(values);
            slots.add(new long[] {k});
            means.add(values);
        }
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= slots.size(); i++) {
            boolean breaks = i == slots.size()
                    || (slots.get(i)[0] - slots.get(i - 1)[0] - 1) * intervalSeconds > gapToleranceSeconds;
            if (breaks) {
                Segment s = segment(slots.subList(start, i), means.subList(start, i), cols);
                if (s != null) {
                    segments.add(s);
                }
                start = i;
            }
        }
        return segments;
    }

    private Segment segment(List<long[]> slots, List<double[]> means, int cols) {
        long first = slots.get(0)[0];
        int rows = (int) (slots.get(slots.size() - 1)[0] - first + 1);
        double[][] grid = new double[rows][cols];
        for (double[] row : grid) {
            Arrays.fill(row, Double.NaN);
        }
        for (int i = 0; i < slots.size(); i++) {
            grid[(int) (slots.get(i)[0] - first)] = means.get(i).clone();
        }
        for (int c = 0; c < cols; c++) {
            if (!interpolate(grid, c)) {
                return null;
            }
        }
        return new Segment(first * intervalSeconds, intervalSeconds, grid);
    }

    /** Fills the NaNs of column c; false when the column has no value at all. */
    private static boolean interpolate(double[][] grid, int c) {
        int prev = -1;
        for (int r = 0; r < grid.length; r++) {
            if (Double.isNaN(grid[r][c])) {
                continue;
            }
            if (prev < 0) {
                for (int q = 0; q < r; q++) {
                    grid[q][c] = grid[r][c];
                }
            } else {
                for (int q = prev + 1; q < r; q++) {
                    double w = (double) (q - prev) / (r - prev);
                    grid[q][c] = grid[prev][c] + w * (grid[r][c] - grid[prev][c]);
                }
            }
            prev = r;
        }
        if (prev < 0) {
            return false;
        }
        for (int q = prev + 1; q < grid.length; q++) {
            grid[q][c] = grid[prev][c];
        }
        return true;
    }
}
