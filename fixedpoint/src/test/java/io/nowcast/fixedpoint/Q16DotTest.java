package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Q16DotTest {
    private static final int N = Q16Dot.MAX_LENGTH;

    /** The exact sum of products, independent of the code under test. */
    private static BigInteger exact(int[] a, int[] b) {
        BigInteger s = BigInteger.ZERO;
        for (int k = 0; k < a.length; k++) {
            s = s.add(BigInteger.valueOf(a[k]).multiply(BigInteger.valueOf(b[k])));
        }
        return s;
    }

    @Test
    void doesNotOverflowAt4096TermsOfTheLargestValuesInRange() {
        int[] sixteen = new int[N];
        Arrays.fill(sixteen, 16 << 16); // 16.0, the largest |a_k| of the guarantee
        for (int extreme : new int[] {Q16.MAX, Q16.MIN}) {
            int[] b = new int[N];
            Arrays.fill(b, extreme);
            BigInteger expected = exact(sixteen, b); // 4096 · 2^20 · (2^31 - 1), or -2^63
            assertEquals(expected, BigInteger.valueOf(Q16Dot.dot(sixteen, 0, b, 0, N)));
        }
    }

    @Test
    void isExactOnRandomVectorsWithinTheGuarantee() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[] a = new int[N];
        int[] b = new int[N];
        for (int trial = 0; trial < 20; trial++) {
            for (int k = 0; k < N; k++) {
                a[k] = rnd.nextInt(-(1 << 20), (1 << 20) + 1);
                b[k] = rnd.nextInt();
            }
            assertEquals(exact(a, b), BigInteger.valueOf(Q16Dot.dot(a, 0, b, 0, N)));
        }
    }

    @Test
    void columnByColumnAccumulationGivesTheSameExactSumsAsRowDots() {
        SplittableRandom rnd = new SplittableRandom(9);
        int rows = 24;
        int cols = 300;
        int[] rowMajor = new int[rows * cols]; // [rows][cols]
        int[] colMajor = new int[cols * rows]; // [cols][rows]
        int[] x = new int[cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                int w = rnd.nextInt(-(1 << 20), (1 << 20) + 1);
                rowMajor[r * cols + k] = w;
                colMajor[k * rows + r] = w;
            }
        }
        for (int k = 0; k < cols; k++) {
            x[k] = rnd.nextInt();
        }
        for (int usedCols : new int[] {cols, cols - 1}) { // an even and an odd number of columns
            long[] acc = new long[rows];
            Q16Dot.multiplyColumns(acc, colMajor, rows, x, usedCols);
            int[] xUsed = Arrays.copyOf(x, usedCols);
            for (int r = 0; r < rows; r++) {
                int[] row = Arrays.copyOfRange(rowMajor, r * cols, r * cols + usedCols);
                assertEquals(exact(row, xUsed), BigInteger.valueOf(acc[r]), "row " + r + ", " + usedCols + " columns");
                assertEquals(Q16Dot.dot(rowMajor, r * cols, x, 0, usedCols), acc[r]);
            }
        }
    }

    @Test
    void honoursOffsetsAndRoundsOnceBackToQ16() {
        // [9, 1.5, -2] · [9, 0.25, 0.5] over the last two: 1.5·0.25 - 2·0.5 = -0.625
        int[] a = {9 << 16, 98304, -131072};
        int[] b = {9 << 16, 16384, 32768};
        long q32 = Q16Dot.dot(a, 1, b, 1, 2);
        assertEquals(-40960L << 16, q32);
        assertEquals(-40960, Q16Dot.toQ16(q32));
        assertEquals(Q16.MAX, Q16Dot.toQ16(Long.MAX_VALUE));
        assertEquals(5L << 16, Q16Dot.widen(5));
    }
}
