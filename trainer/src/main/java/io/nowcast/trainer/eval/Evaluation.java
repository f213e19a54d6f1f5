package io.nowcast.trainer.eval;

import io.nowcast.history.Durations;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasters run over every example of one window set: RMSE and MAE per forecaster and output, the
 * forecasts themselves (for charts), and how long each forecaster took per window (timed after a
 * warm-up pass over the first windows; one thread, wall clock, so only a rough figure).
 */
public final class Evaluation {
    private static final int WARMUP_WINDOWS = 1000;

    private final WindowSet set;
    private final List<String> names; // [F]
    private final ErrorStats[][] stats; // [F][O]
    private final float[][][] forecasts; // [F][O][N]
    private final double[] nanosPerWindow; // [F]

    private Evaluation(WindowSet set, List<String> names, ErrorStats[][] stats, float[][][] forecasts,
            double[] nanosPerWindow) {
        this.set = set;
        this.names = names;
        this.stats = stats;
        this.forecasts = forecasts;
        this.nanosPerWindow = nanosPerWindow;
    }

    public static Evaluation run(WindowSet set, List<Forecaster> forecasters) {
        int outputs = set.spec().targets().size();
        int n = set.size();
        if (n == 0) {
            throw new IllegalArgumentException("no complete window to evaluate on");
        }
        List<String> names = new ArrayList<>();
        ErrorStats[][] stats = new ErrorStats[forecasters.size()][outputs];
        float[][][] forecasts = new float[forecasters.size()][outputs][n];
        double[] nanos = new double[forecasters.size()];
        double[] out = new double[outputs];
        for (int f = 0; f < forecasters.size(); f++) {
            Forecaster forecaster = forecasters.get(f);
            names.add(forecaster.name());
            for (int o = 0; o < outputs; o++) {
                stats[f][o] = new ErrorStats();
            }
            for (int s = 0; s < Math.min(n, WARMUP_WINDOWS); s++) {
                forecaster.forecast(s, out); // lets the JIT compile the forecaster before it is timed
            }
            long start = System.nanoTime();
            for (int s = 0; s < n; s++) {
                forecaster.forecast(s, out);
                for (int o = 0; o < outputs; o++) {
                    stats[f][o].add(out[o], set.actual(s, o));
                    forecasts[f][o][s] = (float) out[o];
                }
            }
            nanos[f] = (double) (System.nanoTime() - start) / n;
        }
        return new Evaluation(set, List.copyOf(names), stats, forecasts, nanos);
    }

    public WindowSet set() {
        return set;
    }

    public List<String> forecasterNames() {
        return names;
    }

    public int forecasterIndex(String name) {
        return names.indexOf(name);
    }

    public ErrorStats stats(int forecaster, int output) {
        return stats[forecaster][output];
    }

    /** The forecast of output o for example s by forecaster f. */
    public float forecast(int f, int o, int s) {
        return forecasts[f][o][s];
    }

    public double nanosPerWindow(int f) {
        return nanosPerWindow[f];
    }

    /** "Temperature +30min" style label of output o. */
    public String outputLabel(int o) {
        TargetSpec t = set.spec().targets().get(o);
        return t.column() + " +" + Durations.formatSeconds(t.horizonSeconds());
    }
}
