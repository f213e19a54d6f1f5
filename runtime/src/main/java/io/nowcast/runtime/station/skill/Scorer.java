package io.nowcast.runtime.station.skill;

import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.Channel;
import java.util.Arrays;
import java.util.List;

/**
 * Scores one model's forecasts as their intervals are observed. A forecast made from the window
 * ending at interval s (label s, epoch seconds) gives output k for the interval holding s + horizon_k,
 * {@code lead[k]} intervals later; it waits in a ring of R = max lead + 1 slots, slot (s / Δ) mod R,
 * with persistence's forecast for it (the target channel's value at s). When that interval is
 * closed and the channel was measured in it, the pair is scored into the model's {@link SkillRecord}.
 *
 * <p>Arrays sized once; nothing is allocated per interval.
 */
final class Scorer {
    private final SkillRecord record;
    private final long interval; // Δ, seconds
    private final int outputs; // O scored at most: the record's
    private final int[] target; // [O] channel, TargetChannels.NONE when not scored
    private final int[] lead; // [O] intervals from window_end to the interval scored
    private final long[] pendingEnd; // [R] window_end of the forecast in the slot, Long.MIN_VALUE none
    private final float[] pendingValue; // [R][O] the model's forecast
    private final double[] pendingPersistence; // [R][O] the target channel's value at window_end, NaN none
    private final double[] lastPersistence; // [O] persistence's forecast made last, NaN none
    private final boolean[] worse; // [O] 7-day RMSE worse than persistence's

    Scorer(SkillRecord record, Model model, List<Channel> channels) {
        this.record = record;
        this.interval = model.intervalSeconds();
        this.outputs = record.outputs().size();
        this.target = Arrays.copyOf(TargetChannels.of(model, channels), outputs);
        this.lead = new int[outputs];
        int maxLead = 0;
        for (int k = 0; k < outputs; k++) {
            long h = model.outputs().get(k).horizonSeconds();
            // the interval [kΔ − Δ/2, kΔ + Δ/2) that holds s + h, as IntervalMeans puts a time in an interval
            lead[k] = (int) Math.floorDiv(h * 1000 + interval * 500, interval * 1000);
            maxLead = Math.max(maxLead, lead[k]);
        }
        int ring = maxLead + 1;
        this.pendingEnd = new long[ring];
        this.pendingValue = new float[ring * outputs];
        this.pendingPersistence = new double[ring * outputs];
        this.lastPersistence = new double[outputs];
        this.worse = new boolean[outputs];
        Arrays.fill(pendingEnd, Long.MIN_VALUE);
        Arrays.fill(lastPersistence, Double.NaN);
    }

    SkillRecord record() {
        return record;
    }

    int outputs() {
        return outputs;
    }

    /** The channel output {@code k} is scored against, or −1. */
    int target(int k) {
        return k < outputs ? target[k] : TargetChannels.NONE;
    }

    private int slot(long windowEnd) {
        return (int) Math.floorMod(Math.floorDiv(windowEnd, interval), (long) pendingEnd.length);
    }

    /**
     * Interval {@code t} (label, epoch seconds) is closed: scores every forecast made for it.
     *
     * @param measured [channel] the interval's value of each channel, NaN when it had no good reading
     * @return true when at least one forecast was scored
     */
    boolean score(long t, double[] measured) {
        boolean scored = false;
        for (int k = 0; k < outputs; k++) {
            int c = target[k];
            if (c == TargetChannels.NONE || Double.isNaN(measured[c])) {
                continue;
            }
            long windowEnd = t - lead[k] * interval;
            int s = slot(windowEnd);
            if (pendingEnd[s] != windowEnd) {
                continue;
            }
            double forecast = pendingValue[s * outputs + k];
            double persistence = pendingPersistence[s * outputs + k];
            if (Double.isFinite(forecast) && !Double.isNaN(persistence)) {
                record.add(k, t, forecast - measured[c], persistence - measured[c]);
                scored = true;
            }
        }
        return scored;
    }

    /**
     * A forecast was made from the window ending at {@code windowEnd}.
     *
     * @param values [O…] the model's outputs
     * @param used   [channel] the values of the interval {@code windowEnd}, as its observation carries them
     */
    void forecast(long windowEnd, float[] values, double[] used) {
        int s = slot(windowEnd);
        pendingEnd[s] = windowEnd;
        for (int k = 0; k < outputs; k++) {
            int c = target[k];
            pendingValue[s * outputs + k] = values[k];
            lastPersistence[k] = c == TargetChannels.NONE ? Double.NaN : used[c];
            pendingPersistence[s * outputs + k] = lastPersistence[k];
        }
    }

    /** Persistence's forecast for output {@code k} from the last window: the target's value at its end, NaN none. */
    double persistence(int k) {
        return k < outputs ? lastPersistence[k] : Double.NaN;
    }

    /** True while forecasts made before {@code t} (label of the interval just closed) may still be scored. */
    boolean waiting(long t) {
        for (long end : pendingEnd) {
            if (end != Long.MIN_VALUE && end + (pendingEnd.length - 1) * interval > t) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides whether the model is worse than persistence for output {@code k} over the last 7 days.
     *
     * @return true when the verdict changed
     */
    boolean judge(int k, long minScored) {
        boolean w = record.worseThanPersistence(k, minScored);
        boolean changed = w != worse[k];
        worse[k] = w;
        return changed;
    }

    boolean worse(int k) {
        return k < outputs && worse[k];
    }
}
