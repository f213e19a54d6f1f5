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

    /**
     * acc[r] += Σ_k matrix[k · rows + r] · x[k] for r in [0, rows), k in [0, cols), exact, in
     * Q32.32: a matrix-vector product with the matrix stored column-major ([cols][rows]). These are
     * the same sums as {@link #dot} row by row, taken in another order, and integer sums do not
     * depend on the order: the results are bit-identical. Column-major lets all rows accumulate at
     * once (the loop vectorizes, with no horizontal sum per row); columns go in pairs to halve the
     * loads and stores of the accumulators. The no-overflow guarantee above applies to every
     * accumulator's final and partial sums.
     *
     * @param acc Q32.32 accumulators [rows], e.g. started from the widened biases
     * @param matrix Q16.16 [cols][rows]: column k is matrix[k · rows .. (k + 1) · rows)
     * @param x Q16.16 [cols]
     */
    public static void multiplyColumns(long[] acc, int[] matrix, int rows, int[] x, int cols) {
        int k = 0;
        for (; k + 1 < cols; k += 2) {
            long x0 = x[k];
            long x1 = x[k + 1];
            int c0 = k * rows;
            int c1 = c0 + rows;
            for (int r = 0; r < rows; r++) {
                acc[r] += matrix[c0 + r] * x0 + matrix[c1 + r] * x1;
            }
        }
        if (k < cols) {
            long xk = x[k];
            int c = k * rows;
            for (int r = 0; r < rows; r++) {
                acc[r] += matrix[c + r] * xk;
            }
        }
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
