package io.nowcast.trainer.eval;

import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.linalg.NormalEquations;

/**
 * The linear baseline: ridge regression from the same window the LSTM sees (all T·I normalized
 * inputs, plus an unpenalised intercept) to the same normalized targets (value or change). Fitted on
 * the training split by {@link NormalEquations}; λ (per example) is the one of {@link #LAMBDAS}
 * with the lowest validation error.
 */
public final class RidgeRegression {
    static final double[] LAMBDAS = {1e-2, 1e-1, 1, 10, 100, 1000, 10000};

    private final Normalization norm;
    private final double[][] weights; // [O][T·I + 1], intercept last
    private final double lambda;

    private RidgeRegression(Normalization norm, double[][] weights, double lambda) {
        this.norm = norm;
        this.weights = weights;
        this.lambda = lambda;
    }

    public static RidgeRegression fit(WindowSet train, WindowSet validation, Normalization norm) {
        int d = train.spec().window() * train.spec().inputs().size() + 1;
        int outputs = train.spec().targets().size();
        NormalEquations equations = new NormalEquations(d, outputs);
        double[] x = new double[d];
        double[] y = new double[outputs];
        float[] raw = new float[d - 1];
        for (int s = 0; s < train.size(); s++) {
            features(train, s, norm, raw, x);
            for (int o = 0; o < outputs; o++) {
                y[o] = (train.rawTarget(s, o) - norm.targetMean()[o]) / norm.targetStd()[o];
            }
            equations.add(x, y);
        }
        RidgeRegression best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double lambda : LAMBDAS) {
            RidgeRegression candidate = new RidgeRegression(norm, equations.solve(lambda), lambda);
            double error = candidate.normalizedMse(validation.size() > 0 ? validation : train);
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    private static void features(WindowSet set, int sample, Normalization norm, float[] raw, double[] x) {
        int inputs = set.spec().inputs().size();
        set.rawWindow(sample, raw);
        for (int i = 0; i < raw.length; i++) {
            int k = i % inputs;
            x[i] = (raw[i] - norm.inputMean()[k]) / norm.inputStd()[k];
        }
        x[raw.length] = 1;
    }

    private double normalizedMse(WindowSet set) {
        int d = weights[0].length;
        double[] x = new double[d];
        float[] raw = new float[d - 1];
        double sse = 0;
        for (int s = 0; s < set.size(); s++) {
            features(set, s, norm, raw, x);
            for (int o = 0; o < weights.length; o++) {
                double y = (set.rawTarget(s, o) - norm.targetMean()[o]) / norm.targetStd()[o];
                double e = dot(weights[o], x) - y;
                sse += e * e;
            }
        }
        return sse / ((double) set.size() * weights.length);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public double lambda() {
        return lambda;
    }

    /** Forecasts for the examples of {@code set}. */
    public Forecaster on(WindowSet set) {
        int d = weights[0].length;
        double[] x = new double[d];
        float[] raw = new float[d - 1];
        return new Forecaster() {
            @Override
            public String name() {
                return "ridge";
            }

            @Override
            public void forecast(int sample, double[] out) {
                features(set, sample, norm, raw, x);
                for (int o = 0; o < out.length; o++) {
                    double y = dot(weights[o], x) * norm.targetStd()[o] + norm.targetMean()[o];
                    out[o] = set.spec().targets().get(o).delta() ? y + set.lastValue(sample, o) : y;
                }
            }
        };
    }
}
