package io.nowcast.fixedpoint;

/**
 * The inverse square root unit, ISRU(x) = x / sqrt(1 + x²), and the ISRU-sigmoid
 * ½ · (1 + x / sqrt(4 + x²)), in Q16.16, integer-only and without division, built on
 * {@link Q16Roots#rsqrtMantissa}.
 *
 * <p>Method: with X = x · 2^16, 1 + x² is the Q32.32 integer d = 2^32 + X² (below 2^49 in the
 * range computed). An even shift s brings d to a mantissa m = d >> s in [2^30, 2^32); the table
 * gives r = 1/sqrt(m / 2^30) in Q2.30 (relative error ≤ 2.9e-6), and
 * ISRU = X · 2^16 / sqrt(d) = X · r >> (29 + s/2), rounded once: at most 0.19 + ½ units, plus
 * what the dropped low bits of d (relative 2^-30) add. Odd: isru(-x) = -isru(x). The sigmoid uses
 * d = 2^34 + X², keeps 8 guard bits of x / sqrt(4 + x²) and rounds once after halving. Where the
 * true result rounds to the end of the range (|x| ≥ 256 for ISRU, |x| ≥ 512 for the sigmoid) the
 * root is skipped. Cost: two table loads and three multiplications.
 *
 * <p>Error against the double-precision formula, in units of 2^-16, measured by
 * FixedPointAccuracyTest, date 2026-11-28 (target ≤ 4):
 * <pre>
 *   function      inputs checked                                         max     mean
 *   isru          every x in [-256, 256], every 257th raw value outside  0.588   0.261
 *   isruSigmoid   every x in [-512, 512], every 257th raw value outside  0.546   0.288
 * </pre>
 */
public final class Q16Isru {
    /** |x| from which ISRU is ±1 in Q16.16 (the true value is within ½ unit of it): 256. */
    private static final int ISRU_FLAT = 256 << Q16.FRACTION_BITS;
    /** |x| from which the ISRU-sigmoid is 0 or 1 in Q16.16: 512. */
    private static final int SIGMOID_FLAT = 512 << Q16.FRACTION_BITS;
    /** 1 and 4 in Q32.32. */
    private static final long ONE_Q32 = 1L << 32;
    private static final long FOUR_Q32 = 4L << 32;
    /** Extra fraction bits kept for the sigmoid's final halving and rounding. */
    private static final int GUARD_BITS = 8;

    private Q16Isru() {
    }

    /** x / sqrt(1 + x²), in (-1, 1) (±1 once rounded near the ends). Odd: isru(-x) = -isru(x). */
    public static int isru(int x) {
        if (x >= ISRU_FLAT) {
            return Q16.ONE;
        }
        if (x <= -ISRU_FLAT) {
            return -Q16.ONE;
        }
        long ax = Math.abs(x); // < 2^24
        // magnitude = |X| · 2^16 / sqrt(2^32 + X²), rounded
        int shift = resultShift(ONE_Q32 + ax * ax);
        long r = Q16Roots.rsqrtMantissa((ONE_Q32 + ax * ax) >> (shift - 29) * 2);
        int magnitude = (int) ((ax * r + (1L << (shift - 1))) >> shift); // |X| · r < 2^54
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
        long d = FOUR_Q32 + (long) x * x; // 4 + x², Q32.32, < 2^51
        int shift = resultShift(d);
        long r = Q16Roots.rsqrtMantissa(d >> (shift - 29) * 2);
        // v = x / sqrt(4 + x²) with GUARD_BITS extra fraction bits (floored), then ½ (1 + v), rounded once
        long v = (x * r) >> (shift - GUARD_BITS); // |x · r| < 2^55
        return (int) ((((long) Q16.ONE << GUARD_BITS) + v + (1L << GUARD_BITS)) >> (GUARD_BITS + 1));
    }

    /**
     * For d = 1 + x² (or 4 + x²) in Q32.32, d ≥ 2^32: the even shift s that brings d to a mantissa
     * m = d >> s in [2^30, 2^32), returned as 29 + s/2, the right shift that turns X · r (r =
     * 1/sqrt(m) in Q2.30) into X · 2^16 / sqrt(d) in Q16.16: 2^16 · 2^-30 · 2^-(30 + s)/2.
     */
    private static int resultShift(long d) {
        int top = 63 - Long.numberOfLeadingZeros(d); // ≥ 32
        return 29 + (((top - 30) & ~1) >> 1);
    }
}
