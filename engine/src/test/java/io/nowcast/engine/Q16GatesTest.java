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
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API gate sums ({@link Q16VectorGates}) against the plain ones ({@link Q16ScalarGates})
 * and against sums formed in {@link BigInteger}: exact equality, since all are integer sums. Shapes
 * cover a hidden size below one vector (3), not a multiple of it (13), and several blocks (64);
 * values cover small weights and the extremes of Q16.16 (products near 2^62) that the no-overflow
 * bound still allows. The vector unit updates ({@link Q16VectorCells}) against the scalar ones
 * ({@link Q16Cell}), also where values leave ISRU's table and c saturates. Then whole engines: the
 * vector path (with a window's b + W·x_t precomputed, Q16WindowGates) and the scalar path give
 * bit-identical outputs, for predict and step.
 */
class Q16GatesTest {
    @ParameterizedTest
    @CsvSource({"1, 3, 1", "6, 13, 2", "64, 64, 3", "5, 256, 4"})
    void vectorSumsEqualScalarSumsAndExactSums(int inputs, int hidden, long seed) {
        assertTrue(Q16Engine.vectorGatesAvailable(), "this test JVM runs with --add-modules jdk.incubator.vector");
        SplittableRandom rnd = new SplittableRandom(seed);
        int width = inputs + hidden;
        int rows = Gate.COUNT * hidden;
        for (boolean extreme : new boolean[] {false, true}) {
            int[] fused = new int[rows * width];
            int[] bias = new int[rows];
            int[] input = new int[width];
            // extreme: |w| up to 2^20 (16.0) with inputs of any Q16.16 value, Q16Dot's no-overflow bound
            for (int k = 0; k < fused.length; k++) {
                fused[k] = extreme ? (rnd.nextBoolean() ? 1 << 20 : -(1 << 20)) : rnd.nextInt(-65536, 65537);
            }
            for (int r = 0; r < rows; r++) {
                bias[r] = extreme ? Integer.MIN_VALUE : rnd.nextInt(-65536, 65537);
            }
            for (int k = 0; k < width; k++) {
                input[k] = extreme ? (rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : rnd.nextInt(-65536, 65537);
            }
            Q16Gates scalar = new Q16ScalarGates(fused, bias, rows, width);
            Q16Gates vector = Q16VectorGates.create(fused, bias, hidden, width);
            long[] scalarSums = new long[Gate.COUNT * scalar.stride()];
            long[] vectorSums = new long[Gate.COUNT * vector.stride()];
            scalar.multiply(input, scalarSums);
            vector.multiply(input, vectorSums);
            long[] expected = new long[rows];
            long[] fromScalar = new long[rows];
            long[] fromVector = new long[rows];
            for (int g = 0; g < Gate.COUNT; g++) {
                for (int j = 0; j < hidden; j++) {
                    int r = g * hidden + j;
                    BigInteger sum = BigInteger.valueOf(bias[r]).shiftLeft(16);
                    for (int k = 0; k < width; k++) {
                        sum = sum.add(BigInteger.valueOf((long) fused[r * width + k] * input[k]));
                    }
                    expected[r] = sum.longValueExact();
                    fromScalar[r] = scalarSums[g * scalar.stride() + j];
                    fromVector[r] = vectorSums[g * vector.stride() + j];
                }
            }
            assertArrayEquals(expected, fromScalar, "scalar, extreme " + extreme);
            assertArrayEquals(expected, fromVector, "vector, extreme " + extreme);
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 31", "40, 32", "64, 33"})
    void vectorUnitUpdatesEqualScalarOnes(int hidden, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int inputSize = 3;
        Q16Cells cells = Q16VectorCells.create(hidden, hidden, inputSize);
        assertEquals(hidden, cells.units(), "whole blocks only: hidden is a multiple of the lanes here");
        for (int round = 0; round < 2000; round++) {
            // gate sums in Q32.32: mostly |z| < 8, sometimes beyond the table (16; 32 for the
            // sigmoid) or anywhere in the long range; c anywhere from small to the ends of Q16.16
            long[] sums = new long[Gate.COUNT * hidden];
            for (int k = 0; k < sums.length; k++) {
                int kind = rnd.nextInt(100);
                sums[k] = kind < 97 ? rnd.nextLong(-(8L << 32), 8L << 32)
                        : kind < 99 ? rnd.nextLong(-(40L << 32), 40L << 32) : rnd.nextLong();
            }
            int[] cell = new int[hidden];
            boolean bigCells = round % 4 == 0;
            for (int j = 0; j < hidden; j++) {
                cell[j] = bigCells ? rnd.nextInt() : rnd.nextInt(-(4 << 16), 4 << 16);
            }
            int[] scalarInput = new int[inputSize + hidden];
            int[] vectorInput = new int[inputSize + hidden];
            int[] scalarCell = cell.clone();
            int[] vectorCell = cell.clone();
            boolean scalarClipped = false;
            for (int j = 0; j < hidden; j++) {
                scalarClipped |= Q16Cell.update(sums, hidden, j, scalarInput, inputSize, scalarCell, true, true);
            }
            boolean vectorClipped = cells.update(sums, vectorInput, vectorCell);
            assertArrayEquals(scalarCell, vectorCell, "c, round " + round);
            assertArrayEquals(scalarInput, vectorInput, "h, round " + round);
            assertEquals(scalarClipped, vectorClipped, "clipped, round " + round);
        }
    }

    @ParameterizedTest
    @CsvSource({"ISRU, ISRU_SIGMOID, 21", "TANH, SIGMOID, 22", "ISRU, SIGMOID, 23", "TANH, ISRU_SIGMOID, 24"})
    void enginesWithEitherGateSumsGiveTheSameBits(CellActivation cell, GateActivation gate, long seed) {
        // T = 23: one window chunk of 16 steps, then 7 = four steps at once and three single ones
        Model m = RandomModels.model(seed, new RandomModels.Shape(5, new int[] {13, 40, 8}, 3, 23), WeightType.F32,
                cell, gate);
        Q16Engine vector = new Q16Engine(m, true);
        Q16Engine scalar = new Q16Engine(m, false);
        assertTrue(vector.kernelName().startsWith("vector-"), vector.kernelName());
        assertEquals("scalar", scalar.kernelName());
        float[] window = RandomModels.flatten(RandomModels.window(m, seed));
        window[7] = 1e9f; // a spike: saturation takes the same path in both
        for (int w = 0; w < 2; w++) {
            float[] a = new float[m.outputCount()];
            float[] b = new float[m.outputCount()];
            vector.predict(window, a);
            scalar.predict(window, b);
            assertArrayEquals(bits(b), bits(a), "predict, window " + w);
            assertEquals(scalar.saturated(), vector.saturated());
            vector.step(window, a);
            scalar.step(window, b);
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
