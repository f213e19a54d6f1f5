package io.nowcast.trainer.data;

import io.nowcast.history.Aggregation;
import io.nowcast.history.DirectionInput;
import io.nowcast.history.IntervalAggregator;
import io.nowcast.history.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Puts readings on a regular grid: grid point k stands for the interval
 * [k·Δ − Δ/2, k·Δ + Δ/2) (Δ = the interval), and aggregates the readings in it column by column,
 * each by its quantity's rule ({@link IntervalAggregator}: the mean, the sum of rain amounts, the
 * largest gust, the mean wind direction), missing values left out: the very rule of the station and
 * {@code nowcast predict}. Centred intervals keep jittered one-a-minute readings
 * (17:51:00, 17:51:59, 17:53:00) one per grid point.
 *
 * <p>A series column may be a raw column, or {@code <dir>_sin} / {@code <dir>_cos} of a raw
 * direction column ({@link Aggregation#DIRECTION}, e.g. {@code wind_dir}): the sine and cosine of
 * the interval's vector-mean direction ({@link DirectionInput}; 0 and 0 for an interval whose readings
 * have no direction: calm). They are computed per interval, before any gap is filled: interpolating
 * raw angles from 350° to 10° would pass through 180°.
 *
 * <p>A column without a value for more than {@code gapToleranceSeconds} (no readings at all, or
 * readings without that column, e.g. a sensor that was down for months) breaks the series into
 * separate {@link Segment}s around that stretch, which is left out, so that no window spans it.
 * Shorter holes are filled by linear interpolation between the neighbouring grid points of the same
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

    /**
     * The raw column that serves series column {@code name}: the column itself when the source has it
     * ({@code has}); else, for {@code <dir>_sin} or {@code <dir>_cos}, the direction column
     * {@code <dir>} when the source has that; else {@code name} (for the loader to report missing).
     */
    public static String sourceColumn(String name, Predicate<String> has) {
        if (has.test(name)) {
            return name;
        }
        Optional<DirectionInput> d = DirectionInput.parse(name);
        if (d.isPresent() && Quantity.aggregationOf(d.get().channel()) == Aggregation.DIRECTION && has.test(d.get().channel())) {
            return d.get().channel();
        }
        return name;
    }

    /** {@link #sourceColumn} of each name, each raw column once, in order of first use. */
    public static List<String> sourceColumns(List<String> names, Predicate<String> has) {
        LinkedHashSet<String> raw = new LinkedHashSet<>();
        for (String n : names) {
            raw.add(sourceColumn(n, has));
        }
        return new ArrayList<>(raw);
    }

    /** Segments holding the series' own columns. */
    public List<Segment> resample(RawSeries series) {
        return resample(series, series.columns());
    }

    /**
     * Segments holding {@code columns}, in that order: each a column of {@code series}, or the
     * {@code _sin}/{@code _cos} of one of its direction columns.
     */
    public List<Segment> resample(RawSeries series, List<String> columns) {
        int cols = columns.size();
        int[] raw = new int[cols]; // [column]: index in series.columns()
        DirectionInput[] direction = new DirectionInput[cols]; // [column]: null for a raw column as it is
        for (int c = 0; c < cols; c++) {
            String name = columns.get(c);
            raw[c] = series.columns().indexOf(name);
            if (raw[c] < 0) {
                String source = sourceColumn(name, series.columns()::contains);
                direction[c] = DirectionInput.parse(name).orElse(null);
                raw[c] = source.equals(name) ? -1 : series.columns().indexOf(source);
                if (raw[c] < 0) {
                    throw new IllegalArgumentException("no column " + name + " in " + series.columns());
                }
            }
        }
        // 1. One row per grid point that has readings: k[i], values[i] ([columns]).
        long intervalMs = intervalSeconds * 1000;
        List<Long> k = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        IntervalAggregator aggregator = IntervalAggregator.forColumns(series.columns());
        double[] aggregated = new double[series.columns().size()];
        int r = 0;
        int n = series.rowCount();
        while (r < n) {
            long slot = Math.floorDiv(series.epochMillis()[r] + intervalMs / 2, intervalMs);
            aggregator.clear();
            while (r < n && Math.floorDiv(series.epochMillis()[r] + intervalMs / 2, intervalMs) == slot) {
                double[] row = series.values()[r];
                for (int c = 0; c < row.length; c++) {
                    aggregator.add(c, row[c]);
                }
                r++;
            }
            aggregator.values(aggregated);
            double[] v = new double[cols];
            for (int c = 0; c < cols; c++) {
                v[c] = direction[c] == null ? aggregated[raw[c]] : direction[c].valueOf(aggregated[raw[c]]);
            }
            k.add(slot);
            values.add(v);
        }
        // 2. Rows inside a column's hole longer than the tolerance are left out.
        boolean[] excluded = excludedRows(k, values, cols);
        // 3. Segments: runs of rows kept, broken where rows were left out or a hole is too long.
        List<Segment> segments = new ArrayList<>();
        int start = -1;
        int previous = -1;
        for (int i = 0; i <= k.size(); i++) {
            boolean end = i == k.size();
            if (!end && excluded[i]) {
                continue;
            }
            boolean breaks = end || previous < 0 || excludedBetween(excluded, previous, i)
                    || tooLong(k.get(i) - k.get(previous) - 1);
            if (breaks && start >= 0) {
                Segment s = segment(k, values, start, previous, excluded, cols);
                if (s != null) {
                    segments.add(s);
                }
                start = -1;
            }
            if (!end) {
                if (start < 0) {
                    start = i;
                }
                previous = i;
            }
        }
        return segments;
    }

    private boolean tooLong(long missingPoints) {
        return missingPoints * intervalSeconds > gapToleranceSeconds;
    }

    private static boolean excludedBetween(boolean[] excluded, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (excluded[i]) {
                return true;
            }
        }
        return false;
    }

    /** [rows]: true for a row inside (or at an end of the data, before or after) a column's too long hole. */
    private boolean[] excludedRows(List<Long> k, List<double[]> values, int cols) {
        int rows = k.size();
        boolean[] excluded = new boolean[rows];
        if (rows == 0) {
            return excluded;
        }
        for (int c = 0; c < cols; c++) {
            int last = -1; // row of the column's previous value
            for (int i = 0; i < rows; i++) {
                if (Double.isNaN(values.get(i)[c])) {
                    continue;
                }
                long hole = last < 0 ? k.get(i) - k.get(0) : k.get(i) - k.get(last) - 1;
                if (tooLong(hole)) {
                    Arrays.fill(excluded, last + 1, i, true);
                }
                last = i;
            }
            long tail = last < 0 ? k.get(rows - 1) - k.get(0) + 1 : k.get(rows - 1) - k.get(last);
            if (tooLong(tail)) {
                Arrays.fill(excluded, last + 1, rows, true);
            }
        }
        return excluded;
    }

    /** Rows first..last (kept ones only) on a full grid, holes interpolated; null when a column has no value. */
    private Segment segment(List<Long> k, List<double[]> values, int first, int last, boolean[] excluded, int cols) {
        long k0 = k.get(first);
        int rows = (int) (k.get(last) - k0 + 1);
        double[][] grid = new double[rows][];
        for (int i = first; i <= last; i++) {
            if (!excluded[i]) {
                grid[(int) (k.get(i) - k0)] = values.get(i).clone();
            }
        }
        for (int q = 0; q < rows; q++) {
            if (grid[q] == null) {
                grid[q] = new double[cols];
                Arrays.fill(grid[q], Double.NaN);
            }
        }
        for (int c = 0; c < cols; c++) {
            if (!interpolate(grid, c)) {
                return null;
            }
        }
        return new Segment(k0 * intervalSeconds, intervalSeconds, grid);
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
