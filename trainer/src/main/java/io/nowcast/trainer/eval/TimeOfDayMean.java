package io.nowcast.trainer.eval;

import io.nowcast.trainer.data.WindowSet;

/**
 * The mean value each output's column had at the same UTC time of day in the training split, in
 * bins of {@code binSeconds} (the overall training mean where a bin is empty).
 */
public final class TimeOfDayMean implements Forecaster {
    private static final long DAY = 86_400;

    private final WindowSet set;
    private final long binSeconds;
    private final double[][] binMean; // [O][bins]

    public TimeOfDayMean(WindowSet train, WindowSet set, long binSeconds) {
        this.set = set;
        this.binSeconds = binSeconds;
        int outputs = train.spec().targets().size();
        int bins = (int) ((DAY + binSeconds - 1) / binSeconds);
        binMean = new double[outputs][bins];
        for (int o = 0; o < outputs; o++) {
            double[] sum = new double[bins];
            long[] count = new long[bins];
            double total = 0;
            for (int s = 0; s < train.size(); s++) {
                int bin = bin(train.targetEpochSeconds(s, o));
                double y = train.actual(s, o);
                sum[bin] += y;
                count[bin]++;
                total += y;
            }
            double overall = total / Math.max(1, train.size());
            for (int b = 0; b < bins; b++) {
                binMean[o][b] = count[b] > 0 ? sum[b] / count[b] : overall;
            }
        }
    }

    private int bin(long epochSeconds) {
        return (int) (Math.floorMod(epochSeconds, DAY) / binSeconds);
    }

    @Override
    public String name() {
        return "time-of-day mean";
    }

    @Override
    public void forecast(int sample, double[] out) {
        for (int o = 0; o < out.length; o++) {
            out[o] = binMean[o][bin(set.targetEpochSeconds(sample, o))];
        }
    }
}
