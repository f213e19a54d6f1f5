package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16Dot;

/**
 * The plain gate sums: the fused matrix stored column-major, one pass of
 * {@link Q16Dot#multiplyColumns} (which C2 vectorizes by itself). The reference for
 * {@link Q16VectorGates}, and what runs where the Vector API module is absent.
 */
final class Q16ScalarGates implements Q16Gates {
    private final int rows; // 4H
    private final int width; // n + H
    /**
     * The fused [4H][n + H] matrix [W U] stored column-major, i.e. [n + H][4H]: column k &lt; n is
     * W[·][k], column n + j is U[·][j]; Q16.16. A step adds x_k times column k to all 4H
     * accumulators at once, which vectorizes without one horizontal sum per row.
     */
    private final int[] columns;
    private final long[] bias; // b [4H], widened to Q32.32

    /** @param fused [4H][n + H], row-major, Q16.16; @param bias [4H], Q16.16 */
    Q16ScalarGates(int[] fused, int[] bias, int rows, int width) {
        this.rows = rows;
        this.width = width;
        columns = new int[rows * width];
        this.bias = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < width; k++) {
                columns[k * rows + r] = fused[r * width + k];
            }
            this.bias[r] = Q16Dot.widen(bias[r]);
        }
    }

    @Override
    public void multiply(int[] input, long[] sums) {
        System.arraycopy(bias, 0, sums, 0, rows);
        Q16Dot.multiplyColumns(sums, columns, rows, input, width);
    }

    @Override
    public int stride() {
        return rows / 4;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
