package io.nowcast.fixedpoint;

/**
 * Q16.16 arithmetic on {@code int}s: a value v is held as the integer round(v · 2^16), so the range
 * is [-32768, 32768 - 2^-16] and one unit (the resolution) is 2^-16 ≈ 1.53e-5.
 *
 * <p>Every operation here is integer-only, rounds to nearest with ties towards +∞ (add half a unit,
 * then shift right arithmetically: the same rule as {@link Math#round(double)}), and saturates: a
 * result outside the range becomes the nearest end of the range, never a wrapped-around value.
 * Wider intermediates (products in Q32.32, sums of products) are {@code long}s.
 */
public final class Q16 {
    /** Fraction bits of Q16.16. */
    public static final int FRACTION_BITS = 16;
    /** 1.0 in Q16.16. */
    public static final int ONE = 1 << FRACTION_BITS;
    /** The largest Q16.16 value, 32768 - 2^-16. */
    public static final int MAX = Integer.MAX_VALUE;
    /** The smallest Q16.16 value, -32768. */
    public static final int MIN = Integer.MIN_VALUE;

    private Q16() {
    }

    /** True when {@code raw} is a Q16.16 value, i.e. it fits an int without clipping. */
    public static boolean fits(long raw) {
        return raw == (int) raw;
    }

    /** {@code raw} clipped to the Q16.16 range. */
    public static int saturate(long raw) {
        return raw > MAX ? MAX : raw < MIN ? MIN : (int) raw;
    }

    /** a + b, saturated. */
    public static int add(int a, int b) {
        return saturate((long) a + b);
    }

    /** a - b, saturated. */
    public static int sub(int a, int b) {
        return saturate((long) a - b);
    }

    /** a · b: the Q32.32 product rounded to nearest Q16.16, saturated. */
    public static int mul(int a, int b) {
        return saturate(roundShift((long) a * b, FRACTION_BITS));
    }

    /** An integer as Q16.16, saturated. */
    public static int ofInt(int n) {
        return saturate((long) n << FRACTION_BITS);
    }

    /**
     * v / 2^shift rounded to nearest, ties towards +∞, for 1 ≤ shift ≤ 63 and any long v (no
     * overflow: floor(v / 2^shift) plus the bit just below the cut): e.g. Q32.32 → Q16.16 with
     * shift 16.
     */
    public static long roundShift(long v, int shift) {
        return (v >> shift) + ((v >> (shift - 1)) & 1);
    }

    /** a + b on wide (long) intermediates, clipped to the long range instead of wrapping. */
    public static long addSaturating(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) { // both operands have the sign the sum lost
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
