package io.nowcast.trainer.nn;

/**
 * The three matrix products of LSTM training, on row-major float matrices given as (array, offset,
 * row stride). Every loop has a fixed order, so results are the same bits on every run. The
 * innermost loop is always c[j] += a · b[j] over a contiguous row, which the JIT compiles to SIMD
 * instructions; the outer loops are blocked so that the rows of C being updated stay in the L1 cache.
 */
public final class MatMul {
    /** Rows of C updated together: 16 rows of up to 256 floats are 16 KiB. */
    private static final int ROW_BLOCK = 16;

    private MatMul() {
    }

    /** C [m][n] += A [m][k] · B [k][n]. */
    public static void addAB(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
            int m, int k, int n) {
        for (int i0 = 0; i0 < m; i0 += ROW_BLOCK) {
            int i1 = Math.min(m, i0 + ROW_BLOCK);
            for (int p = 0; p < k; p++) {
                int bRow = bo + p * ldb;
                for (int i = i0; i < i1; i++) {
                    axpy(a[ao + i * lda + p], b, bRow, c, co + i * ldc, n);
                }
            }
        }
    }

    /** C [m][n] += Aᵀ · B, with A [r][m] and B [r][n]: C[j] += Σ_r A[r][j] · B[r]. */
    public static void addATB(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
            int r, int m, int n) {
        for (int j0 = 0; j0 < m; j0 += ROW_BLOCK) {
            int j1 = Math.min(m, j0 + ROW_BLOCK);
            for (int q = 0; q < r; q++) {
                int aRow = ao + q * lda;
                int bRow = bo + q * ldb;
                for (int j = j0; j < j1; j++) {
                    axpy(a[aRow + j], b, bRow, c, co + j * ldc, n);
                }
            }
        }
    }

    /** y[yo .. yo+n) += alpha · x[xo .. xo+n). */
    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int j = 0; j < n; j++) {
            y[yo + j] += alpha * x[xo + j];
        }
    }

    /** Dst [cols][rows] = Srcᵀ, Src [rows][cols] starting at so. */
    public static void transpose(float[] src, int so, int rows, int cols, float[] dst) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[so + i * cols + j];
            }
        }
    }
}
