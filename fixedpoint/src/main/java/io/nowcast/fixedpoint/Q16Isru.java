package io.nowcast.fixedpoint;

/**
 * The inverse square root unit, ISRU(x) = x / sqrt(1 + x²), and the ISRU-sigmoid
 * ½ · (1 + x / sqrt(4 + x²)), in Q16.16, integer-only, built on {@link Q16Roots#isqrtRound}.
 *
 * <p>Method: with X = x · 2^16, 1 + x² is the Q32.32 integer 2^32 + X² (at most 2^62 + 2^32: no
 * overflow), its rounded root S is 1 + x² in Q16.16, and ISRU = X · 2^16 / S, one rounded integer
 * division. The rounded root is off by at most ½ of S's last unit, S ≥ 2^16, so the result is
 * within 1 unit. Symmetric: isru(-x) = -isru(x). The sigmoid uses 2^34 + X² and
 * (S + X) · 2^15 / S, one rounding. Where the true result rounds to the end of the range
 * (|x| ≥ 256 for ISRU, |x| ≥ 512 for the sigmoid) the root is skipped.
 *
 * <p>Error against the double-precision formula, in units of 2^-16, measured by
 * FixedPointAccuracyTest, date 2026-11-28 (target ≤ 4):
 * <pre>
 *   function      inputs checked                                         max     mean
 *   isru          every x in [-256, 256], every 257th raw value outside  0.745   0.260
 *   isruSigmoid   every x in [-512, 512], every 257th raw value outside  0.559   0.288
 * </pre>
 */
public final class Q16Isru {
    /** |x| from which ISRU is ±1 in Q16.16 (the true value is within ½ unit of it): 256. */
    private static final int ISRU_FLAT = 256 << Q16.FRACTION_BITS;
    /** |x| from which the ISRU-sigmoid is 0 or 1 in Q16.16: 512. */
    private static final int SIGMOID_FLAT = 512 << Q16.FRACTION_BITS;
    /** 1 in Q32.32, and 4 in Q32.32. */
    private static final long ONE_Q32 = 1L << 32;
    private static final long FOUR_Q32 = 4L << 32;

    private Q16Isru() {
    }

    /** x / sqrt(1 + x²), in (-1, 1) (±1 once rounded near the ends). */
    public static int isru(int x) {
        if (x >= ISRU_FLAT) {
            return Q16.ONE;
        }
        if (x <= -ISRU_FLAT) {
            return -Q16.ONE;
        }
        long ax = Math.abs(x); // < 2^24
        long s = Q16Roots.isqrtRound(ONE_Q32 + ax * ax); // sqrt(1 + x²), Q16.16
        int magnitude = (int) (((ax << Q16.FRACTION_BITS) + (s >> 1)) / s); // Q16.16, rounded
        return x < 0 ? -magnitude : magnitude;
    }

    /** ½ · (1 + x / sqrt(4 + x²)), in (0, 1) (0 or 1 once rounded near the ends). */
    public static int isruSigmoid(int x) {
        if (x >= SIGMOID_FLAT) {
            return Q16.ONE;
        }
        if (x <= -SIGMOID_FLAT) {
            return 0;
        }
        long s = Q16Roots.isqrtRound(FOUR_Q32 + (long) x * x); // sqrt(4 + x²), Q16.16, > |x|
        // ½ (1 + x/s) = (s + x) / (2s): in Q16.16, (s + x) · 2^15 / s, rounded
        return (int) ((((s + x) << (Q16.FRACTION_BITS - 1)) + (s >> 1)) / s);
    }
}
