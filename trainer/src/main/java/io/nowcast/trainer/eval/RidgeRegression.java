package io.nowcast.trainer.eval;

import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.WindowSet;

/**
 * The linear baseline: ridge regression from the same window the LSTM sees (all T·I normalized
 * inputs, plus an unpenalised intercept) to the same normalized targets (value or change). Fitted on
 * the training split by the normal equations (XᵀX + λ·D)·w = Xᵀy, solved by Cholesky in double; λ is
 * the one of {@link #LAMBDAS} with the lowest validation error.
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
        double[] gram = new double[d * d]; // XᵀX [d][d]
        double[][] xty = new double[outputs][d];
        double[] x = new double[d];
        float[] raw = new float[d - 1];
        for (int s = 0; s < train.size(); s++) {
            features(train, s, norm, raw, x);
            for (int i = 0; i < d; i++) {
                double xi = x[i];
                for (int j = 0; j <= i; j++) {
                    gram[i * d + j] += xi * x[j];
                }
            }
            for (int o = 0; o < outputs; o++) {
                double y = (train.rawTarget(s, o) - norm.targetMean()[o]) / norm.targetStd()[o];
                for (int i = 0; i < d; i++) {
                    xty[o][i] += x[i] * y;
                }
            }
        }
        RidgeRegression best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double lambda : LAMBDAS) {
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i * d + j] = gram[i * d + j];
                }
                if (i < d - 1) {
                    a[i * d + i] += lambda * train.size();
                }
            }
            a[(d - 1) * d + d - 1] += 1e-9 * train.size(); // keeps the intercept's pivot positive
            cholesky(a, d);
            double[][] w = new double[outputs][];
            for (int o = 0; o < outputs; o++) {
                w[o] = solve(a, d, xty[o]);
            }
            RidgeRegression candidate = new RidgeRegression(norm, w, lambda);
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

    /** In place: the lower triangle of a [d][d] becomes L with A = L·Lᵀ. */
    private static void cholesky(double[] a, int d) {
        for (int j = 0; j < d; j++) {
            double diag = a[j * d + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * d + k] * a[j * d + k];
            }
            if (!(diag > 0)) {
                throw new IllegalStateException("ridge normal equations are not positive definite at row " + j);
            }
            double l = Math.sqrt(diag);
            a[j * d + j] = l;
            for (int i = j + 1; i < d; i++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * d + k] * a[j * d + k];
                }
                a[i * d + j] = s / l;
            }
        }
    }

    /** w with L·Lᵀ·w = b. */
    private static double[] solve(double[] l, int d, double[] b) {
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * y[k];
            }
            y[i] = s / l[i * d + i];
        }
        double[] w = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * w[k];
            }
            w[i] = s / l[i * d + i];
        }
        return w;
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
