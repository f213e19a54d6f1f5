package io.nowcast.fixedpoint;

/**
 * Dot products of Q16.16 vectors in a 64-bit accumulator: every product a_k · b_k is exact in
 * Q32.32 and the sum is exact as long as it fits a {@code long}; only the final conversion back
 * to Q16.16 rounds (once) and saturates.
 *
 * <p>No overflow, guaranteed: for n ≤ {@link #MAX_LENGTH} = 4096 = 2^12 terms with |a_k| ≤ 16.0
 * (raw ≤ 2^20) and any Q16.16 b_k (raw magnitude ≤ 2^31), each |product| ≤ 2^51 and the sum lies
 * in [-2^63, 2^63 - 2^12], inside the long range. In general the sum is exact whenever
 * Σ|a_k · b_k| (raw) ≤ 2^63 - 1; the Q16 engine checks that bound for each model at load.
 * Tested at the extremes against {@link java.math.BigInteger} in Q16DotTest.
 */
public final class Q16Dot {
    /** The longest vector for which the no-overflow guarantee above holds. */
    public static final int MAX_LENGTH = 1 << 12;

    private Q16Dot() {
    }

    /**
     * Σ a[aFrom + k] · b[bFrom + k] for k in [0, n), exact, in Q32.32.
     *
     * @param a Q16.16 values, e.g. one row of a row-major weight matrix
     * @param b Q16.16 values, e.g. the vector the matrix multiplies
     */
    public static long dot(int[] a, int aFrom, int[] b, int bFrom, int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) {
            sum += (long) a[aFrom + k] * b[bFrom + k];
        }
        return sum;
    }

    /** A Q16.16 bias widened to Q32.32, the accumulator's starting value. */
    public static long widen(int q16) {
        return (long) q16 << Q16.FRACTION_BITS;
    }

    /** A Q32.32 sum rounded to nearest Q16.16 and saturated. */
    public static int toQ16(long q32) {
        return Q16.saturate(Q16.roundShift(q32, Q16.FRACTION_BITS));
    }
}
