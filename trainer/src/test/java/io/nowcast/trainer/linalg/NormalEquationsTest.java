package io.nowcast.trainer.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-derived cases: one feature x = ±1 (alternating, so its mean is 0) plus the intercept, and
 * y = 2x + 3. With n examples the normal equations decouple: (Σx² + penalty)·w = Σxy = 2n, and the
 * unpenalised intercept is 3. A relative penalty λ·Σx² gives w = 2/(1+λ) at any scale of x; the
 * per-example penalty λ·n gives w = 2n/(Σx² + λn), which depends on the scale.
 */
class NormalEquationsTest {
    private static final int N = 100;

    private static NormalEquations fit(double scale) {
        NormalEquations eq = new NormalEquations(2, 1);
        for (int i = 0; i < N; i++) {
            double x = i % 2 == 0 ? 1 : -1;
            eq.add(new double[] {scale * x, 1}, new double[] {2 * x + 3});
        }
        return eq;
    }

    @Test
    void aRelativePenaltyShrinksByTheSameFactorAtAnyScale() {
        double lambda = 0.25;
        for (double scale : new double[] {1, 1e-3, 1e3}) {
            double[] w = fit(scale).solveRelative(lambda)[0];
            assertEquals(2 / (1 + lambda), w[0] * scale, 1e-9, "slope in units of x, scale " + scale);
            assertEquals(3, w[1], 1e-6, "intercept, scale " + scale);
        }
    }

    @Test
    void aPerExamplePenaltyShrinksSmallFeaturesMore() {
        double lambda = 0.25;
        assertEquals(2 / (1 + lambda), fit(1).solve(lambda)[0][0], 1e-9);
        // Σx² = 1e-6·n: w·scale = 2·1e-3·n·1e-3 / (1e-6·n + 0.25·n)
        assertEquals(2e-6 / (1e-6 + lambda), fit(1e-3).solve(lambda)[0][0] * 1e-3, 1e-12);
    }
}
