package io.nowcast.runtime.station.skill;

import java.util.Arrays;

/**
 * A model's scored forecasts over the last 30 days, as sums per output and per hour: a ring of
 * {@value #BUCKETS} rows, row r holding UTC hour h (epoch seconds / 3600) with h mod 720 = r, each
 * row [O] outputs × (count, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²), e the model's error and p persistence's
 * ({@link Figures}). A score is put in the hour of the interval it was scored on. A period of H hours
 * is the newest scored hour and the H − 1 before it ({@link SkillWindow}).
 *
 * <p>The totals of the three {@link SkillWindow}s are kept up to date as scores come: a score is
 * added to each window that holds its hour; when the newest hour moves on, the rows that leave a
 * window are taken off its totals; once a day (and after a jump of a day or more) they are summed
 * again from the rows, so that rounding never builds up. Reading them costs nothing. Arrays sized
 * once; adding a score and summing a period allocate nothing. Used on the station's thread only.
 */
final class SkillTable {
    static final long BUCKET_SECONDS = 3600;
    static final int BUCKETS = SkillWindow.MONTH.hours;
    /** Σe, Σ|e|, Σe², Σp, Σ|p|, Σp². */
    static final int SUMS = 6;
    static final long EMPTY = Long.MIN_VALUE;

    private final int outputs; // O
    private final long[] hours; // [BUCKETS] the hour a row holds, EMPTY if none
    private final int[] counts; // [BUCKETS][O]
    private final double[] sums; // [BUCKETS][O][SUMS]
    private final double[] totals; // [O][window][1 + SUMS]: n and the sums of each SkillWindow, ending at newest
    private long newest = EMPTY; // the newest hour with a score

    SkillTable(int outputs) {
        this.outputs = outputs;
        this.hours = new long[BUCKETS];
        this.counts = new int[BUCKETS * outputs];
        this.sums = new double[BUCKETS * outputs * SUMS];
        this.totals = new double[outputs * WINDOWS.length * (SUMS + 1)];
        Arrays.fill(hours, EMPTY);
    }

    private static final SkillWindow[] WINDOWS = SkillWindow.values();

    int outputs() {
        return outputs;
    }

    /** The hour of a time, epoch seconds. */
    static long hourOf(long epochSeconds) {
        return Math.floorDiv(epochSeconds, BUCKET_SECONDS);
    }

    /**
     * Adds one scored forecast of output {@code k}, scored at {@code epochSeconds}.
     *
     * @param error            forecast − observed
     * @param persistenceError value at window_end − observed
     * @return the row it went into, or −1 when its hour is older than the 30 days kept
     */
    int add(int k, long epochSeconds, double error, double persistenceError) {
        long hour = hourOf(epochSeconds);
        if (newest != EMPTY && hour <= newest - BUCKETS) {
            return -1;
        }
        if (newest == EMPTY || hour > newest) {
            moveNewest(hour);
        }
        int row = rowOf(hour);
        if (hours[row] != hour) {
            clearRow(row, hour);
        }
        counts[row * outputs + k]++;
        int s = (row * outputs + k) * SUMS;
        double absError = Math.abs(error);
        double absPersistence = Math.abs(persistenceError);
        sums[s] += error;
        sums[s + 1] += absError;
        sums[s + 2] += error * error;
        sums[s + 3] += persistenceError;
        sums[s + 4] += absPersistence;
        sums[s + 5] += persistenceError * persistenceError;
        for (int w = 0; w < WINDOWS.length; w++) {
            if (hour > newest - WINDOWS[w].hours) {
                int t = (k * WINDOWS.length + w) * (SUMS + 1);
                totals[t]++;
                totals[t + 1] += error;
                totals[t + 2] += absError;
                totals[t + 3] += error * error;
                totals[t + 4] += persistenceError;
                totals[t + 5] += absPersistence;
                totals[t + 6] += persistenceError * persistenceError;
            }
        }
        return row;
    }

    /**
     * Makes {@code hour} the newest: takes the rows that leave each window off its totals, or, at the
     * first hour of a UTC day and after a jump of a day or more, sums the windows again.
     */
    private void moveNewest(long hour) {
        if (newest == EMPTY || hour - newest >= 24 || Math.floorMod(hour, 24L) == 0) {
            newest = hour;
            sumWindows();
            return;
        }
        for (int w = 0; w < WINDOWS.length; w++) {
            for (long h = newest - WINDOWS[w].hours + 1; h <= hour - WINDOWS[w].hours; h++) {
                int row = rowOf(h);
                if (hours[row] == h) {
                    for (int k = 0; k < outputs; k++) {
                        int t = (k * WINDOWS.length + w) * (SUMS + 1);
                        int s = (row * outputs + k) * SUMS;
                        totals[t] -= counts[row * outputs + k];
                        for (int j = 0; j < SUMS; j++) {
                            totals[t + 1 + j] -= sums[s + j];
                        }
                    }
                }
            }
        }
        newest = hour;
    }

    /** Sums every output's windows again from the rows, in one pass. */
    private void sumWindows() {
        Arrays.fill(totals, 0);
        for (int row = 0; row < BUCKETS; row++) {
            long age = newest - hours[row];
            if (hours[row] == EMPTY || age < 0 || age >= BUCKETS) {
                continue;
            }
            for (int k = 0; k < outputs; k++) {
                int n = counts[row * outputs + k];
                if (n == 0) {
                    continue;
                }
                int s = (row * outputs + k) * SUMS;
                for (int w = 0; w < WINDOWS.length; w++) {
                    if (age < WINDOWS[w].hours) {
                        int t = (k * WINDOWS.length + w) * (SUMS + 1);
                        totals[t] += n;
                        for (int j = 0; j < SUMS; j++) {
                            totals[t + 1 + j] += sums[s + j];
                        }
                    }
                }
            }
        }
    }

    /** Output {@code k}'s totals of window {@code w} into {@code into} = [n, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²]. */
    void window(int k, SkillWindow w, double[] into) {
        System.arraycopy(totals, (k * WINDOWS.length + w.ordinal()) * (SUMS + 1), into, 0, SUMS + 1);
    }

    private void clearRow(int row, long hour) {
        hours[row] = hour;
        Arrays.fill(counts, row * outputs, (row + 1) * outputs, 0);
        Arrays.fill(sums, row * outputs * SUMS, (row + 1) * outputs * SUMS, 0);
    }

    /** The row of {@code hour} (0 for {@link #EMPTY}). */
    int rowOf(long hour) {
        return hour == EMPTY ? 0 : (int) Math.floorMod(hour, (long) BUCKETS);
    }

    /** The newest hour with a score, or {@link #EMPTY}. */
    long newestHour() {
        return newest;
    }

    /**
     * Sums output {@code k}'s scores over the newest hour and the {@code hours} − 1 before it into
     * {@code into} = [n, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²] (all 0 when nothing is scored).
     */
    void sum(int k, int hours, double[] into) {
        Arrays.fill(into, 0, SUMS + 1, 0);
        if (newest == EMPTY) {
            return;
        }
        for (int row = 0; row < BUCKETS; row++) {
            long h = this.hours[row];
            if (h != EMPTY && h > newest - hours && h <= newest) {
                into[0] += counts[row * outputs + k];
                int s = (row * outputs + k) * SUMS;
                for (int j = 0; j < SUMS; j++) {
                    into[1 + j] += sums[s + j];
                }
            }
        }
    }

    // Row access for SkillFile.

    long rowHour(int row) {
        return hours[row];
    }

    int count(int row, int k) {
        return counts[row * outputs + k];
    }

    double sumOf(int row, int k, int j) {
        return sums[(row * outputs + k) * SUMS + j];
    }

    /** Starts row {@code row} afresh for {@code hour} (restoring from the file). */
    void restoreRow(int row, long hour) {
        clearRow(row, hour);
        newest = newest == EMPTY ? hour : Math.max(newest, hour);
    }

    /** Sets output {@code k} of row {@code row}: its count and its {@link #SUMS} sums from {@code from[at..]}. */
    void restore(int row, int k, int count, double[] from, int at) {
        counts[row * outputs + k] = count;
        System.arraycopy(from, at, sums, (row * outputs + k) * SUMS, SUMS);
    }

    /** Forgets rows older than the 30 days before the newest hour, and sums the windows (after restoring). */
    void dropExpired() {
        for (int row = 0; row < BUCKETS; row++) {
            if (hours[row] != EMPTY && hours[row] <= newest - BUCKETS) {
                clearRow(row, EMPTY);
            }
        }
        sumWindows();
    }
}
