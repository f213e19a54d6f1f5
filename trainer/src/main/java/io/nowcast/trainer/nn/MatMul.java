package io.nowcast.trainer.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix products of LSTM training, on row-major float matrices given as (array, offset,
 * strides). One kernel serves all of them: C[i][j] += Σ_p A(i,p) · B[p][j], where A(i,p) is read
 * with arbitrary strides, so that A·B and Aᵀ·B are the same loop. It keeps a 4 × 2-vector tile of
 * C in registers while it runs over p (JDK Vector API, fused multiply-add), so each loaded vector
 * of B feeds four FMAs. Each element of C is summed over p in increasing order, on the same path
 * for the same shapes, so results are the same bits on every run.
 */
public final class MatMul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROWS = 4; // rows of C in a register tile

    private MatMul() {
    }

    /** C [m][n] += A [m][k] · B [k][n]. */
    public static void addAB(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
            int m, int k, int n) {
        kernel(a, ao, lda, 1, b, bo, ldb, c, co, ldc, m, k, n);
    }

    /** C [m][n] += Aᵀ · B, with A [r][m] and B [r][n]: C[j] += Σ_q A[q][j] · B[q]. */
    public static void addATB(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
            int r, int m, int n) {
        kernel(a, ao, 1, lda, b, bo, ldb, c, co, ldc, m, r, n);
    }

    /** C[i][j] += Σ_{p<k} a[ao + i·ars + p·acs] · B[p][j], i < m, j < n. */
    private static void kernel(float[] a, int ao, int ars, int acs, float[] b, int bo, int ldb, float[] c, int co,
            int ldc, int m, int k, int n) {
        int nv2 = n - n % (2 * L); // columns covered by 2-vector tiles
        int nv1 = n - n % L;
        int m4 = m - m % ROWS;
        for (int i = 0; i < m4; i += ROWS) {
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            for (int j = 0; j < nv2; j += 2 * L) {
                tile4x2(a, a0, ars, acs, b, bo + j, ldb, c, c0 + j, ldc, k);
            }
            for (int j = nv2; j < nv1; j += L) {
                for (int r = 0; r < ROWS; r++) {
                    row1(a, a0 + r * ars, acs, b, bo + j, ldb, c, c0 + r * ldc + j, k);
                }
            }
            for (int r = 0; r < ROWS; r++) {
                scalarTail(a, a0 + r * ars, acs, b, bo, ldb, c, c0 + r * ldc, k, nv1, n);
            }
        }
        for (int i = m4; i < m; i++) {
            int a0 = ao + i * ars;
            int c0 = co + i * ldc;
            for (int j = 0; j < nv1; j += L) {
                row1(a, a0, acs, b, bo + j, ldb, c, c0 + j, k);
            }
            scalarTail(a, a0, acs, b, bo, ldb, c, c0, k, nv1, n);
        }
    }

    private static void tile4x2(float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb, float[] c, int c0,
            int ldc, int k) {
        FloatVector c00 = FloatVector.fromArray(S, c, c0);
        FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector c10 = FloatVector.fromArray(S, c, c0 + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, c0 + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + L);
        for (int p = 0; p < k; p++) {
            int bp = b0 + p * ldb;
            FloatVector b0v = FloatVector.fromArray(S, b, bp);
            FloatVector b1v = FloatVector.fromArray(S, b, bp + L);
            int ap = a0 + p * acs;
            FloatVector x0 = FloatVector.broadcast(S, a[ap]);
            FloatVector x1 = FloatVector.broadcast(S, a[ap + ars]);
            FloatVector x2 = FloatVector.broadcast(S, a[ap + 2 * ars]);
            FloatVector x3 = FloatVector.broadcast(S, a[ap + 3 * ars]);
            c00 = x0.fma(b0v, c00);
            c01 = x0.fma(b1v, c01);
            c10 = x1.fma(b0v, c10);
            c11 = x1.fma(b1v, c11);
            c20 = x2.fma(b0v, c20);
            c21 = x2.fma(b1v, c21);
            c30 = x3.fma(b0v, c30);
            c31 = x3.fma(b1v, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + L);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + L);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + L);
    }

    private static void row1(float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0, int k) {
        FloatVector acc = FloatVector.fromArray(S, c, c0);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(S, a[a0 + p * acs]).fma(FloatVector.fromArray(S, b, b0 + p * ldb), acc);
        }
        acc.intoArray(c, c0);
    }

    private static void scalarTail(float[] a, int a0, int acs, float[] b, int bo, int ldb, float[] c, int c0, int k,
            int from, int n) {
        for (int j = from; j < n; j++) {
            float acc = c[c0 + j];
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[a0 + p * acs], b[bo + p * ldb + j], acc);
            }
            c[c0 + j] = acc;
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
