package io.nowcast.fixedpoint;

/**
 * The inverse square root unit, ISRU(x) = x / sqrt(1 + x²), and the ISRU-sigmoid
 * ½ · (1 + x / sqrt(4 + x²)) = ½ · (1 + ISRU(x / 2)), in Q16.16, integer-only and without
 * division at run time.
 *
 * <p>Core, |x| &lt; 16 for ISRU and |x| &lt; 32 for the sigmoid (every gate and cell value of a
 * sane model): a table ISRU_TABLE[k] = ISRU(k / 128) in Q8.24, k = 0..2048, with linear
 * interpolation, rounded once. Interpolation error ≤ h²/8 · max|ISRU''| = 2^-14 / 8 · 0.859
 * ≈ 6.6e-6 = 0.43 units of 2^-16 (ISRU'' = -3x (1 + x²)^-5/2 peaks at x = ½), the entries and
 * the interpolation's floor (in Q8.24) add at most 2 · 2^-24, the final rounding ½: ≤ 0.94 units.
 * The sigmoid indexes the same table with one more bit (x / 2 loses no input bit) and halves
 * before its one rounding, so its interpolation error is halved: ≤ 0.72. Cost: two table loads,
 * one 32-bit multiplication; all in int, so that a vector kernel can do the same in int lanes.
 *
 * <p>Beyond the core: with X = x · 2^16, 1 + x² is the Q32.32 integer d = 2^32 + X² (below 2^49
 * in the range computed). An even shift s brings d to a mantissa m = d >> s in [2^30, 2^32); the
 * table of {@link Q16Roots#rsqrtMantissa} gives r = 1/sqrt(m / 2^30) in Q2.30 (relative error
 * ≤ 2.9e-6), and ISRU = X · 2^16 / sqrt(d) = X · r >> (29 + s/2), rounded once: at most 0.19 + ½
 * units. The sigmoid uses d = 2^34 + X², keeps 8 guard bits of x / sqrt(4 + x²) and rounds once
 * after halving. Where the true result rounds to the end of the range (|x| ≥ 256 for ISRU,
 * |x| ≥ 512 for the sigmoid) the root is skipped. Odd: isru(-x) = -isru(x).
 *
 * <p>Error against the double-precision formula, in units of 2^-16, measured by
 * FixedPointAccuracyTest, date 2026-11-28 (target ≤ 4):
 * <pre>
 *   function      inputs checked                                         max     mean
 *   isru          every x in [-256, 256], every 257th raw value outside  0.923   0.261
 *   isruSigmoid   every x in [-512, 512], every 257th raw value outside  0.715   0.288
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
    /** log2 of the table step in raw Q16.16 units: the step is 1/128 = 2^9 / 2^16. */
    public static final int TABLE_STEP_BITS = 9;
    /** Table intervals: x from 0 to 16 in steps of 1/128. */
    private static final int TABLE_STEPS = 16 << (Q16.FRACTION_BITS - TABLE_STEP_BITS);
    /** |x| below which ISRU reads the table: 16 (Q16.16 raw); the sigmoid reads it below 32. */
    public static final int TABLE_LIMIT = TABLE_STEPS << TABLE_STEP_BITS;
    /** Fraction bits of the table's entries, Q8.24. */
    public static final int TABLE_FRACTION_BITS = 24;
    /**
     * ISRU_TABLE[k] = ISRU(k / 128) in Q8.24, k = 0..2048, built at class load from the exact
     * integer root: ISRU(k/128) · 2^24 = k · 2^24 / sqrt(2^14 + k²) = k · 2^44 / (sqrt(d) · 2^20)
     * with d = 2^14 + k² &lt; 2^23, and isqrt(d · 2^40) = floor(sqrt(d) · 2^20) ≥ 2^27, so the
     * entry is within 2^-27 (relative) plus ½ of round(ISRU · 2^24): within one unit of 2^-24.
     */
    private static final int[] ISRU_TABLE = new int[TABLE_STEPS + 1];

    static {
        for (int k = 0; k < ISRU_TABLE.length; k++) {
            long root = Q16Roots.isqrt(((1L << 14) + (long) k * k) << 40); // sqrt(2^14 + k²) · 2^20
            ISRU_TABLE[k] = (int) ((((long) k << 44) + (root >> 1)) / root);
        }
    }

    private Q16Isru() {
    }

    /** x / sqrt(1 + x²), in (-1, 1) (±1 once rounded near the ends). Odd: isru(-x) = -isru(x). */
    public static int isru(int x) {
        int ax = Math.abs(x); // x = MIN_VALUE stays negative and goes to the root path below
        if (ax < TABLE_LIMIT && ax >= 0) {
            int magnitude = (interpolate(ax, TABLE_STEP_BITS) + (1 << (TABLE_FRACTION_BITS - Q16.FRACTION_BITS - 1)))
                    >> (TABLE_FRACTION_BITS - Q16.FRACTION_BITS);
            return x < 0 ? -magnitude : magnitude;
        }
        return isruByRoot(x);
    }

    /** ½ · (1 + x / sqrt(4 + x²)), in (0, 1) (0 or 1 once rounded near the ends). */
    public static int isruSigmoid(int x) {
        int ax = Math.abs(x);
        if (ax < 2 * TABLE_LIMIT && ax >= 0) {
            int v = interpolate(ax, TABLE_STEP_BITS + 1); // ISRU(|x| / 2), Q8.24
            // ½ (1 ± v): 2^24 ± v in units of 2^-25 (≤ 2^25), rounded once to Q16.16
            int shift = TABLE_FRACTION_BITS + 1 - Q16.FRACTION_BITS;
            return ((1 << TABLE_FRACTION_BITS) + (x < 0 ? -v : v) + (1 << (shift - 1))) >> shift;
        }
        return isruSigmoidByRoot(x);
    }

    /** A copy of the table: ISRU(k / 128) in Q8.24 for k = 0 .. 16 · 128 (for vectorized lookups). */
    public static int[] table() {
        return ISRU_TABLE.clone();
    }

    /**
     * ISRU(ax / 2^(stepBits - TABLE_STEP_BITS)) in Q8.24 for 0 ≤ ax below the table's limit: entry
     * ax >> stepBits plus the next difference times the fraction ax mod 2^stepBits, floored (that
     * floor is below 2^-24: 1/256 of a unit of Q16.16).
     */
    private static int interpolate(int ax, int stepBits) {
        int k = ax >> stepBits;
        int lo = ISRU_TABLE[k];
        // (difference ≤ 2^24 / 128 = 2^17) · (fraction < 2^10) < 2^27: no overflow
        return lo + (((ISRU_TABLE[k + 1] - lo) * (ax & ((1 << stepBits) - 1))) >> stepBits);
    }

    /** ISRU by the tabulated mantissa root, for any x. */
    private static int isruByRoot(int x) {
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

    /** The ISRU-sigmoid by the tabulated mantissa root, for any x. */
    private static int isruSigmoidByRoot(int x) {
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
