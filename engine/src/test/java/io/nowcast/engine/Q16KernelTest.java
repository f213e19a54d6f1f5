package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API kernel ({@link Q16VectorKernel}) against the reference kernel
 * ({@link Q16ReferenceKernel}), by exact equality, at the three levels of a step. Gates, as a
 * window gets them (the input half of seven steps at once, then the recurrent half of each) and as
 * a stream gets them (one step in one pass): both kernels against sums formed in
 * {@link BigInteger}, for a hidden size below one vector (3), not a multiple of it (13), and
 * several blocks (64, 256), with small weights and with the extremes of Q16.16 (products near
 * 2^62) that the no-overflow bound still allows. Cells: 2000 random blocks of gate sums,
 * including sums beyond ISRU's table and cells that saturate, for hidden sizes that are and are
 * not multiples of the lanes. Whole engines: both kernels give the same output bits for predict
 * and step, for every activation pair, with a spike that saturates.
 */
class Q16KernelTest {
    private static Q16Kernel reference(Q16Layer layer) {
        return new Q16ReferenceKernel(new Q16Layer[] {layer}, CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
    }

    private static Q16Kernel vector(Q16Layer layer) {
        assertTrue(KernelChoice.FASTEST.vectorApi() && Q16VectorKernel.usable(),
                "this test JVM runs with --add-modules jdk.incubator.vector");
        return Q16VectorKernel.create(new Q16Layer[] {layer}, CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
    }

    @ParameterizedTest
    @CsvSource({"1, 3, 1", "6, 13, 2", "64, 64, 3", "5, 256, 4"})
    void gatesOfBothKernelsAreTheExactSums(int inputs, int hidden, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int width = inputs + hidden;
        int rows = Gate.COUNT * hidden;
        int steps = 7; // the input half of four steps at once, then three single ones
        for (boolean extreme : new boolean[] {false, true}) {
            int[] fused = new int[rows * width]; // [W U] [4H][n+H], Q16.16
            int[] bias = new int[rows]; // b [4H], Q16.16
            int[] xs = new int[steps * inputs]; // x_t [steps][n], Q16.16
            int[] h = new int[hidden]; // h_{t-1} [H], Q16.16
            // extreme: |w| up to 2^20 (16.0) with inputs of any Q16.16 value, Q16Dot's no-overflow bound
            for (int k = 0; k < fused.length; k++) {
                fused[k] = extreme ? (rnd.nextBoolean() ? 1 << 20 : -(1 << 20)) : rnd.nextInt(-65536, 65537);
            }
            for (int r = 0; r < rows; r++) {
                bias[r] = extreme ? Integer.MIN_VALUE : rnd.nextInt(-65536, 65537);
            }
            for (int[] values : new int[][] {xs, h}) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = extreme ? (rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                            : rnd.nextInt(-65536, 65537);
                }
            }
            Q16Layer layer = new Q16Layer(inputs, hidden, fused, bias);
            Q16Kernel[] kernels = {reference(layer), vector(layer)};
            long[][][] halves = {halves(kernels[0], xs, steps, h, hidden), halves(kernels[1], xs, steps, h, hidden)};
            long[][][] onePass = {onePass(kernels[0], xs, steps, h, hidden), onePass(kernels[1], xs, steps, h, hidden)};
            for (int t = 0; t < steps; t++) {
                long[] expected = new long[rows];
                for (int r = 0; r < rows; r++) {
                    BigInteger sum = BigInteger.valueOf(bias[r]).shiftLeft(16);
                    for (int k = 0; k < width; k++) {
                        long input = k < inputs ? xs[t * inputs + k] : h[k - inputs];
                        sum = sum.add(BigInteger.valueOf((long) fused[r * width + k] * input));
                    }
                    expected[r] = sum.longValueExact();
                }
                for (int kernel = 0; kernel < kernels.length; kernel++) {
                    String where = kernels[kernel].name() + ", step " + t + ", extreme " + extreme;
                    assertArrayEquals(expected, halves[kernel][t], "two halves, " + where);
                    assertArrayEquals(expected, onePass[kernel][t], "one pass, " + where);
                }
            }
        }
    }

    /**
     * The kernel's gate sums of each step t &lt; steps as a window gets them (the input half of all
     * steps at once, then the recurrent half of each), x_t from xs, h_{t-1} = h every time:
     * [steps][4H] without the padding, Q32.32.
     */
    private static long[][] halves(Q16Kernel kernel, int[] xs, int steps, int[] h, int hidden) {
        long[] half = new long[steps * Gate.COUNT * kernel.stride(0)];
        long[] sums = new long[Gate.COUNT * kernel.stride(0)];
        long[][] z = new long[steps][];
        kernel.inputGates(0, xs, steps, half);
        for (int t = 0; t < steps; t++) {
            kernel.recurrentGates(0, half, t, h, sums);
            z[t] = unpadded(kernel, sums, hidden);
        }
        return z;
    }

    /** As {@link #halves}, one step at a time in one pass, as a stream gets them. */
    private static long[][] onePass(Q16Kernel kernel, int[] xs, int steps, int[] h, int hidden) {
        int n = xs.length / steps;
        long[] sums = new long[Gate.COUNT * kernel.stride(0)];
        long[][] z = new long[steps][];
        for (int t = 0; t < steps; t++) {
            kernel.gates(0, Arrays.copyOfRange(xs, t * n, (t + 1) * n), h, sums);
            z[t] = unpadded(kernel, sums, hidden);
        }
        return z;
    }

    /** Gate sums [4][stride] without the padding: [4H]. */
    private static long[] unpadded(Q16Kernel kernel, long[] sums, int hidden) {
        int stride = kernel.stride(0);
        long[] z = new long[Gate.COUNT * hidden];
        for (int g = 0; g < Gate.COUNT; g++) {
            System.arraycopy(sums, g * stride, z, g * hidden, hidden);
        }
        return z;
    }

    @ParameterizedTest
    @CsvSource({"8, 31", "13, 34", "40, 32", "64, 33"})
    void cellsOfBothKernelsGiveTheSameBits(int hidden, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3; // the cells do not read the weights
        int rows = Gate.COUNT * hidden;
        Q16Layer layer = new Q16Layer(n, hidden, new int[rows * (n + hidden)], new int[rows]);
        Q16Kernel reference = reference(layer);
        Q16Kernel vector = vector(layer);
        for (int round = 0; round < 2000; round++) {
            // gate sums in Q32.32: mostly |z| < 8, sometimes beyond the table (16; 32 for the
            // sigmoid) or anywhere in the long range; c anywhere from small to the ends of Q16.16
            long[] z = new long[Gate.COUNT * hidden];
            for (int k = 0; k < z.length; k++) {
                int kind = rnd.nextInt(100);
                z[k] = kind < 97 ? rnd.nextLong(-(8L << 32), 8L << 32)
                        : kind < 99 ? rnd.nextLong(-(40L << 32), 40L << 32) : rnd.nextLong();
            }
            int[] cell = new int[hidden];
            boolean bigCells = round % 4 == 0;
            for (int j = 0; j < hidden; j++) {
                cell[j] = bigCells ? rnd.nextInt() : rnd.nextInt(-(4 << 16), 4 << 16);
            }
            int[] referenceH = new int[hidden];
            int[] vectorH = new int[hidden];
            int[] referenceCell = cell.clone();
            int[] vectorCell = cell.clone();
            boolean referenceClipped = cells(reference, z, hidden, referenceH, referenceCell);
            boolean vectorClipped = cells(vector, z, hidden, vectorH, vectorCell);
            assertArrayEquals(referenceCell, vectorCell, "c, round " + round);
            assertArrayEquals(referenceH, vectorH, "h, round " + round);
            assertEquals(referenceClipped, vectorClipped, "clipped, round " + round);
        }
    }

    /** The kernel's cells from the gate sums z [4H] (laid out at the kernel's stride). */
    private static boolean cells(Q16Kernel kernel, long[] z, int hidden, int[] h, int[] cell) {
        int stride = kernel.stride(0);
        long[] sums = new long[Gate.COUNT * stride];
        for (int g = 0; g < Gate.COUNT; g++) {
            System.arraycopy(z, g * hidden, sums, g * stride, hidden);
        }
        return kernel.cells(0, sums, h, cell, new int[kernel.scratchLength()]);
    }

    @ParameterizedTest
    @CsvSource({"ISRU, ISRU_SIGMOID, 21", "TANH, SIGMOID, 22", "ISRU, SIGMOID, 23", "TANH, ISRU_SIGMOID, 24"})
    void enginesWithEitherKernelGiveTheSameBits(CellActivation cell, GateActivation gate, long seed) {
        // T = 23: a run of 16 steps, then one of 7 (four steps' input gates at once, three single)
        Model m = RandomModels.model(seed, new RandomModels.Shape(5, new int[] {13, 40, 8}, 3, 23), WeightType.F32,
                cell, gate);
        Q16Engine vector = new Q16Engine(m, KernelChoice.FASTEST);
        Q16Engine reference = new Q16Engine(m, KernelChoice.REFERENCE);
        assertTrue(vector.kernelName().startsWith("vector-"), vector.kernelName());
        assertEquals("reference", reference.kernelName());
        float[] window = RandomModels.flatten(RandomModels.window(m, seed));
        window[7] = 1e9f; // a spike: saturation takes the same path in both
        for (int w = 0; w < 2; w++) {
            float[] a = new float[m.outputCount()];
            float[] b = new float[m.outputCount()];
            vector.predict(window, a);
            reference.predict(window, b);
            assertArrayEquals(bits(b), bits(a), "predict, window " + w);
            assertEquals(reference.saturated(), vector.saturated());
            vector.step(window, a);
            reference.step(window, b);
            assertArrayEquals(bits(b), bits(a), "step, window " + w);
            window = RandomModels.flatten(RandomModels.window(m, seed + 100));
        }
    }

    private static int[] bits(float[] values) {
        int[] b = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            b[k] = Float.floatToRawIntBits(values[k]);
        }
        return b;
    }
}
