package io.nowcast.engine.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The rational tanh and σ of the fast kernel and the trainer, against the double-precision
 * yardsticks Math.tanh and 1/(1 + Math.exp(−x)), an independent computation.
 *
 * <p>The bounds asserted are the ones RationalTanh documents, measured by {@link TanhErrorWalk}
 * over all 2^32 floats (a few minutes; docs/engine.md has the figures). Here the same walk covers
 * every 251st bit pattern of the whole range, every float near the clamp (where the float
 * evaluation could round above 1), and the arguments of the worst errors the full walk found.
 */
class RationalTanhTest {
    /** The worst arguments of the full walk (docs/engine.md): tanh abs and ulp, σ abs. */
    private static final float[] WORST = {7.1677437f, -7.1677437f, 11.542551f, -11.542551f};

    @Test
    void theRationalItselfIsWithinAnUlpOfTanh() {
        // The approximation's own error, without float rounding: the coefficients as the code rounds them
        // to float, the rational evaluated in double, every 97th float of (0, 9].
        double[] a = {RationalTanh.ALPHA_1, RationalTanh.ALPHA_3, RationalTanh.ALPHA_5, RationalTanh.ALPHA_7,
                RationalTanh.ALPHA_9, RationalTanh.ALPHA_11, RationalTanh.ALPHA_13};
        double[] b = {RationalTanh.BETA_0, RationalTanh.BETA_2, RationalTanh.BETA_4, RationalTanh.BETA_6};
        double maxAbs = 0;
        double maxRel = 0;
        for (int bits = 1; bits <= Float.floatToIntBits(9f); bits += 97) {
            double x = Float.intBitsToFloat(bits);
            double s = x * x;
            double p = 0;
            for (int i = a.length - 1; i >= 0; i--) {
                p = p * s + a[i];
            }
            double q = 0;
            for (int i = b.length - 1; i >= 0; i--) {
                q = q * s + b[i];
            }
            double e = Math.abs(x * p / q - Math.tanh(x));
            maxAbs = Math.max(maxAbs, e);
            maxRel = Math.max(maxRel, e / Math.tanh(x));
        }
        // 3.48e-8 at x = 0.9708 and 9.52e-8 as x -> 0 (α1/β0 - 1); mpmath at 40 digits gives the same.
        assertTrue(maxAbs <= 3.5e-8, "max absolute error of the rational in double: " + maxAbs);
        assertTrue(maxRel <= 9.6e-8, "max relative error of the rational in double: " + maxRel);
    }

    @Test
    void float32EvaluationWithinTheDocumentedBoundsOverASampleOfEveryFloat() throws Exception {
        TanhErrorWalk.Result all = TanhErrorWalk.walk(0, 1L << 32, 251, 1);
        assertBounds(all);
        assertTrue(all.values > 17_000_000, all.toString());
    }

    @Test
    void neverAbove1NearTheClamp() throws Exception {
        // Every float of [7.5, 8.2] and its negative: the FMA evaluation with Eigen's clamp at 9 gives
        // 1.0000001 from 8.1247 on; the clamp at 7.932197 must leave no such value.
        long from = Float.floatToIntBits(7.5f);
        long to = Float.floatToIntBits(8.2f);
        assertBounds(TanhErrorWalk.walk(from, to, 1, 1));
        assertBounds(TanhErrorWalk.walk(from | 0x8000_0000L, to | 0x8000_0000L, 1, 1));
        assertEquals(1f, RationalTanh.tanh(RationalTanh.CLAMP));
        assertTrue(RationalTanh.tanh(Math.nextDown(RationalTanh.CLAMP)) <= 1f);
    }

    @Test
    void worstArgumentsOfTheFullWalk() {
        for (float x : WORST) {
            assertTrue(Math.abs(RationalTanh.tanh(x) - Math.tanh(x)) <= RationalTanh.TANH_MAX_ABS_ERROR, "tanh " + x);
            assertTrue(Math.abs(RationalTanh.sigmoid(x) - 1 / (1 + Math.exp(-(double) x)))
                    <= RationalTanh.SIGMOID_MAX_ABS_ERROR, "sigmoid " + x);
        }
    }

    @Test
    void limitsZerosAndNaN() {
        assertEquals(1f, RationalTanh.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, RationalTanh.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, RationalTanh.tanh(20f));
        assertEquals(1f, RationalTanh.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, RationalTanh.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(0.5f, RationalTanh.sigmoid(0f));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(RationalTanh.tanh(0f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(RationalTanh.tanh(-0f)));
        assertEquals(Float.MIN_VALUE, RationalTanh.tanh(Float.MIN_VALUE)); // tanh(x) = x for subnormals, exactly
        assertEquals(1e-30f, RationalTanh.tanh(1e-30f), Math.ulp(1e-30f));
        assertTrue(Float.isNaN(RationalTanh.tanh(Float.NaN)));
        assertTrue(Float.isNaN(RationalTanh.sigmoid(Float.NaN)));
        float[] lanes = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f};
        RationalTanhLanes.tanhInPlace(lanes, 0, lanes.length);
        assertTrue(Float.isNaN(lanes[0]));
        assertEquals(1f, lanes[1]);
        assertEquals(-1f, lanes[2]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(lanes[3]));
    }

    @Test
    void lanesGiveTheScalarBitsForAnyRangeAndLeaveTheRestAlone() {
        float[] source = new float[100];
        for (int i = 0; i < source.length; i++) {
            source[i] = (i - 50) * 0.37f;
        }
        for (int from = 0; from < 20; from += 3) {
            for (int to = from; to <= source.length; to += 7) {
                float[] t = source.clone();
                float[] s = source.clone();
                RationalTanhLanes.tanhInPlace(t, from, to);
                RationalTanhLanes.sigmoidInPlace(s, from, to);
                for (int i = 0; i < source.length; i++) {
                    boolean inside = i >= from && i < to;
                    assertEquals(inside ? RationalTanh.tanh(source[i]) : source[i], t[i], "tanh " + from + ".." + to + " at " + i);
                    assertEquals(inside ? RationalTanh.sigmoid(source[i]) : source[i], s[i], "σ " + from + ".." + to + " at " + i);
                }
            }
        }
    }

    @Test
    void goldenPointsByHand() {
        // tanh(ln a) = (a² − 1)/(a² + 1), σ(ln a) = a/(a + 1); the inputs ln a are rounded to float.
        float ln2 = (float) Math.log(2);
        float ln3 = (float) Math.log(3);
        assertEquals(Math.tanh(ln2), RationalTanh.tanh(ln2), RationalTanh.TANH_MAX_ABS_ERROR);
        assertEquals(0.6, RationalTanh.tanh(ln2), 1e-6);
        assertEquals(-0.8, RationalTanh.tanh(-ln3), 1e-6);
        assertEquals(0.75, RationalTanh.sigmoid(ln3), 1e-6);
        assertEquals(1.0 / 3, RationalTanh.sigmoid(-ln2), 1e-6);
    }

    private static void assertBounds(TanhErrorWalk.Result r) {
        String what = r.toString();
        assertEquals(0, r.scalarMismatches, "lanes and scalar differ, first at " + r.firstMismatchAt + ": " + what);
        assertEquals(0, r.oddMismatches, what);
        assertEquals(0, r.outOfRange, what);
        assertTrue(r.tanhMaxAbs <= RationalTanh.TANH_MAX_ABS_ERROR, what);
        assertTrue(r.tanhMaxUlp <= RationalTanh.TANH_MAX_ULP_ERROR, what);
        assertTrue(r.sigmoidMaxAbs <= RationalTanh.SIGMOID_MAX_ABS_ERROR, what);
    }
}
