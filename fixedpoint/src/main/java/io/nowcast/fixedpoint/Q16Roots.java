package io.nowcast.fixedpoint;

/**
 * Integer-only square roots: of a 64-bit integer, and of Q16.16 values (sqrt and 1/sqrt).
 *
 * <p>Both Q16.16 functions are correctly rounded (to nearest): the integer root is exact, and the
 * decision to round up is an exact integer comparison, so the error is at most 0.5 units of 2^-16.
 * Measured by FixedPointAccuracyTest against {@link Math#sqrt(double)}, date 2026-11-28:
 * <pre>
 *   function  inputs checked                                     max error   mean error (units)
 *   sqrt      every x in [0, 256), every 4099th raw value above   0.500       0.250
 *   rsqrt     every x in (0, 256), every 4099th raw value above   0.500       0.250
 * </pre>
 */
public final class Q16Roots {
    /** log2 of the number of table intervals per unit of M in {@link #rsqrtMantissa}: steps of 1/256. */
    private static final int TABLE_BITS = 8;
    /** Bits of the mantissa below the table index: m = 2^30 + index · 2^22 + fraction. */
    private static final int FRACTION_BITS = 30 - TABLE_BITS;
    /**
     * RSQRT[i] = round(2^30 / sqrt(1 + i/256)), i = 0..768 (M from 1 to 4): 1/sqrt in Q2.30, built
     * at class load from the exact integer root: 1/sqrt((256 + i)/256) = 16 / sqrt(256 + i), and
     * sqrt(256 + i) · 2^26 = isqrt((256 + i) · 2^52) to within one unit of 2^-26.
     */
    private static final int[] RSQRT = new int[3 * (1 << TABLE_BITS) + 1];

    static {
        for (int i = 0; i < RSQRT.length; i++) {
            long root = isqrt((long) ((1 << TABLE_BITS) + i) << 52); // sqrt(256 + i) · 2^26, ≥ 2^30
            RSQRT[i] = (int) (((1L << 60) + (root >> 1)) / root); // 2^34 / sqrt(256 + i) = 2^30 · 16 / sqrt(256 + i)
        }
    }

    private Q16Roots() {
    }

    /**
     * 1/sqrt(M) in Q2.30 for a mantissa m = M · 2^30 with M in [1, 4), i.e. m in [2^30, 2^32): the
     * table above with linear interpolation, no division. Error: h²/8 · max|(M^-½)''| =
     * 2^-16 / 8 · ¾ ≈ 1.4e-6 (relative ≤ 2.9e-6) from the interpolation, plus 2^-30 from rounding.
     * What {@link Q16Isru} uses beyond its own table (|x| ≥ 16); callers normalize their argument
     * to this range by an even shift, 1/sqrt(m · 2^s) = 2^(-s/2) / sqrt(m).
     */
    public static long rsqrtMantissa(long m) {
        long offset = m - (1L << 30);
        int i = (int) (offset >>> FRACTION_BITS);
        long fraction = offset & ((1L << FRACTION_BITS) - 1);
        long lo = RSQRT[i];
        // (difference ≥ -2^21) · (fraction < 2^22): |product| < 2^43
        return lo + (((RSQRT[i + 1] - lo) * fraction + (1L << (FRACTION_BITS - 1))) >> FRACTION_BITS);
    }

    /**
     * floor(sqrt(n)) for n ≥ 0 (0 for n &lt; 0): Newton's iteration x ← (x + n / x) / 2 from
     * 2^ceil(bits(n) / 2) ≥ sqrt(n), which decreases monotonically to the floor of the root.
     */
    public static long isqrt(long n) {
        if (n <= 0) {
            return 0;
        }
        int bits = Long.SIZE - Long.numberOfLeadingZeros(n);
        long x = 1L << ((bits + 1) >> 1);
        while (true) {
            long next = (x + n / x) >>> 1;
            if (next >= x) {
                return x;
            }
            x = next;
        }
    }

    /** sqrt(n) rounded to nearest (ties up) for n ≥ 0 (0 for n &lt; 0). */
    public static long isqrtRound(long n) {
        long r = isqrt(n);
        // sqrt(n) ≥ r + ½  ⇔  n ≥ r² + r + ¼  ⇔  n > r² + r for integers
        return n - r * r > r ? r + 1 : r;
    }

    /** sqrt(x) for a Q16.16 x ≥ 0, correctly rounded; 0 for x &lt; 0 (outside the domain). */
    public static int sqrt(int x) {
        // sqrt(x_raw / 2^16) · 2^16 = sqrt(x_raw · 2^16): the root of a Q32.32 value is Q16.16
        return (int) isqrtRound((long) x << Q16.FRACTION_BITS);
    }

    /**
     * 1 / sqrt(x) for a Q16.16 x &gt; 0, correctly rounded (the largest result, 256, is at x = 2^-16);
     * {@link Q16#MAX} for x ≤ 0 (the root of 0 is infinite; below 0 is outside the domain).
     */
    public static int rsqrt(int x) {
        if (x <= 0) {
            return Q16.MAX;
        }
        // result_raw = 2^16 / sqrt(x_raw / 2^16) = sqrt(2^48 / x_raw); floor(sqrt(floor(y))) = floor(sqrt(y))
        long r = isqrt((1L << 48) / x);
        // round up when sqrt(2^48 / x) ≥ r + ½  ⇔  x · (2r + 1)² ≤ 2^50 (≈ 2^50 + 2^42 at most: no overflow)
        long twoRPlusOne = 2 * r + 1;
        return (int) (x * twoRPlusOne * twoRPlusOne <= 1L << 50 ? r + 1 : r);
    }
}
