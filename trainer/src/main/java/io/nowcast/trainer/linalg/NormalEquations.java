package io.nowcast.trainer.linalg;

/**
 * Ridge least squares by the normal equations: accumulate XᵀX and Xᵀy row by row, then solve
 * (XᵀX + λ·n·D)·w = Xᵀy by Cholesky, in double. D is the identity except for the last feature,
 * the intercept, which is not penalised. Shared by the ridge baseline and the head warm start.
 */
public final class NormalEquations {
    private final int d; // features, intercept last
    private final int targets;
    private final double[] gram; // XᵀX [d][d], lower triangle
    private final double[][] xty; // [targets][d]
    private long rows;

    public NormalEquations(int features, int targets) {
        this.d = features;
        this.targets = targets;
        gram = new double[features * features];
        xty = new double[targets][features];
    }

    /** Adds one example: x [d] (intercept 1 last), y [targets]. */
    public void add(double[] x, double[] y) {
        for (int i = 0; i < d; i++) {
            double xi = x[i];
            for (int j = 0; j <= i; j++) {
                gram[i * d + j] += xi * x[j];
            }
        }
        for (int o = 0; o < targets; o++) {
            for (int i = 0; i < d; i++) {
                xty[o][i] += x[i] * y[o];
            }
        }
        rows++;
    }

    /** w [targets][d] for penalty λ per example. */
    public double[][] solve(double lambda) {
        return solve(lambda, false);
    }

    /**
     * Like {@link #solve(double)}, but feature i's penalty is λ·Σx_i² instead of λ·n: the same
     * relative shrinkage whatever the features' scales, as ridge on standardized features.
     */
    public double[][] solveRelative(double lambda) {
        return solve(lambda, true);
    }

    private double[][] solve(double lambda, boolean relative) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(gram, i * d, a, i * d, i + 1);
            if (i < d - 1) {
                a[i * d + i] += lambda * (relative ? gram[i * d + i] : rows);
            }
        }
        a[(d - 1) * d + d - 1] += 1e-9 * Math.max(1, rows); // keeps the intercept's pivot positive
        cholesky(a);
        double[][] w = new double[targets][];
        for (int o = 0; o < targets; o++) {
            w[o] = substitute(a, xty[o]);
        }
        return w;
    }

    /** In place: the lower triangle of a [d][d] becomes L with A = L·Lᵀ. */
    private void cholesky(double[] a) {
        for (int j = 0; j < d; j++) {
            double diag = a[j * d + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * d + k] * a[j * d + k];
            }
            if (!(diag > 0)) {
                throw new IllegalStateException("normal equations are not positive definite at row " + j);
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
    private double[] substitute(double[] l, double[] b) {
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
}
