package io.nowcast.runtime.station;

import java.util.Arrays;

/**
 * The station's rule for intervals without a good reading of a channel:
 * <ul>
 *   <li>a <b>short gap</b>, at most {@code maxFilledIntervals} intervals in a row, is filled with the
 *       channel's last good value; the forecast made from it says it is degraded and why;
 *   <li>a <b>long gap</b> (longer than that, or no good value yet since start) leaves the channel
 *       without a value: forecasts that need the channel are suspended until the model's window is
 *       whole again.
 * </ul>
 */
final class GapFiller {
    /** What an interval's value of a channel is. */
    enum Status {
        /** Measured in this interval. */
        OK,
        /** Not measured; the last good value stands in (a short gap). */
        FILLED,
        /** Not measured and not fillable (a long gap): no value. */
        MISSING;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int maxFilledIntervals;
    private final double[] lastGood; // [channel], NaN before the first good value
    private final int[] gapLength; // [channel]: intervals in a row without a good value

    GapFiller(int channels, int maxFilledIntervals) {
        this.maxFilledIntervals = maxFilledIntervals;
        this.lastGood = new double[channels];
        this.gapLength = new int[channels];
        Arrays.fill(lastGood, Double.NaN);
    }

    /**
     * Applies the rule to one interval: {@code values[c]} is the measured mean or NaN; on return
     * it is the value to use (NaN for MISSING) and {@code status[c]} says which case applied.
     */
    void fill(double[] values, Status[] status) {
        for (int c = 0; c < values.length; c++) {
            if (!Double.isNaN(values[c])) {
                lastGood[c] = values[c];
                gapLength[c] = 0;
                status[c] = Status.OK;
            } else {
                gapLength[c]++;
                if (gapLength[c] <= maxFilledIntervals && !Double.isNaN(lastGood[c])) {
                    values[c] = lastGood[c];
                    status[c] = Status.FILLED;
                } else {
                    status[c] = Status.MISSING;
                }
            }
        }
    }
}
