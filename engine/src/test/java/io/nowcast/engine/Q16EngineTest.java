package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.AllocationMeter;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Q16EngineTest {
    private static final RandomModels.Shape SMALL = new RandomModels.Shape(4, new int[] {12, 8}, 3, 16);

    private static Model model(WeightType type, CellActivation cell, GateActivation gate) {
        return RandomModels.model(42, SMALL, type, cell, gate);
    }

    @ParameterizedTest
    @EnumSource(WeightType.class)
    void runsModelsReadFromNcmFilesOfEveryWeightTypeAndActivationPair(WeightType type) throws Exception {
        for (CellActivation cell : CellActivation.values()) {
            for (GateActivation gate : GateActivation.values()) {
                Model written = model(type, cell, gate);
                Model read = ModelReader.parse(ModelWriter.toBytes(written), "random.ncm");
                Q16Engine engine = new Q16Engine(read);
                double[][] window = RandomModels.window(read, 5);
                float[] out = new float[read.outputCount()];
                engine.predict(RandomModels.flatten(window), out);
                double[] expected = ReferenceLstm.outputs(read, window);
                for (int o = 0; o < out.length; o++) {
                    // 1e-3 in y' units is 1e-3 · std in raw units; the float window adds float rounding
                    double tolerance = 1e-3 * read.outputs().get(o).std() + 1e-4 * Math.abs(expected[o]);
                    assertEquals(expected[o], out[o], tolerance, type + " " + cell + "/" + gate + " output " + o);
                }
                assertFalse(engine.saturated());
            }
        }
    }

    @Test
    void stepsFromZeroStateGiveTheSameBitsAsPredict() {
        Model m = model(WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
        Q16Engine engine = new Q16Engine(m);
        float[] window = RandomModels.flatten(RandomModels.window(m, 9));
        float[] predicted = new float[m.outputCount()];
        engine.predict(window, predicted);
        float[] stepped = new float[m.outputCount()];
        float[] row = new float[m.inputCount()];
        engine.reset();
        for (int t = 0; t < m.window(); t++) {
            System.arraycopy(window, t * row.length, row, 0, row.length);
            engine.step(row, stepped);
        }
        assertArrayEquals(predicted, stepped);
    }

    @Test
    void predictLeavesTheStreamingStateAloneAndResetClearsIt() {
        Model m = model(WeightType.F32, CellActivation.TANH, GateActivation.ISRU_SIGMOID);
        float[] window = RandomModels.flatten(RandomModels.window(m, 12));
        float[] other = RandomModels.flatten(RandomModels.window(m, 13));
        Q16Engine undisturbed = new Q16Engine(m);
        Q16Engine interrupted = new Q16Engine(m);
        float[] row = new float[m.inputCount()];
        float[] a = new float[m.outputCount()];
        float[] b = new float[m.outputCount()];
        for (int t = 0; t < m.window(); t++) {
            System.arraycopy(window, t * row.length, row, 0, row.length);
            undisturbed.step(row, a);
            interrupted.predict(other, b); // a window in between must not touch the stream
            interrupted.step(row, b);
            assertArrayEquals(a, b, "step " + t);
        }
        float[] fresh = new float[m.outputCount()];
        new Q16Engine(m).step(row, fresh);
        interrupted.reset();
        interrupted.step(row, b);
        assertArrayEquals(fresh, b, "after reset");
    }

    @Test
    void aSpikeFarOutOfRangeSaturatesAndIsReportedInsteadOfWrappingAround() {
        Model m = model(WeightType.F32, CellActivation.TANH, GateActivation.SIGMOID);
        Q16Engine engine = new Q16Engine(m);
        float[] window = RandomModels.flatten(RandomModels.window(m, 3));
        float[] normal = new float[m.outputCount()];
        engine.predict(window, normal);
        assertFalse(engine.saturated());
        int last = (m.window() - 1) * m.inputCount(); // input 0 of the last row
        float[] previous = null;
        for (float spike : new float[] {1e6f, 1e7f, 1e9f, 1e12f, 3e38f, Float.POSITIVE_INFINITY}) {
            float[] spiked = window.clone();
            spiked[last] = spike;
            float[] out = new float[m.outputCount()];
            engine.predict(spiked, out);
            assertTrue(engine.saturated(), "spike " + spike);
            for (float y : out) {
                assertTrue(Float.isFinite(y), "spike " + spike + " gave " + y);
            }
            if (previous != null && spike > 1e9f) {
                // beyond the raw clip (2^30) a bigger spike changes nothing: saturated, not wrapped
                assertArrayEquals(previous, out, "spike " + spike);
            }
            previous = out;
        }
        // a negative spike saturates on the other side, and the next normal window is clean again
        float[] negative = window.clone();
        negative[last] = -1e6f;
        float[] out = new float[m.outputCount()];
        engine.predict(negative, out);
        assertTrue(engine.saturated());
        engine.predict(window, out);
        assertFalse(engine.saturated());
        assertArrayEquals(normal, out);
    }

    @Test
    void aSpikeOfAMillionSaturatesTheNormalizedInputAndTheFlagCoversOnlyTheLastCall() {
        // RandomModels draws means ≤ 1000 and stds ≤ 20, so 1e6 normalizes to ≥ (1e6 - 1000) / 20
        // ≈ 49950 > 32768: beyond Q16.16, whatever the seed.
        Model m = model(WeightType.Q16, CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
        Q16Engine engine = new Q16Engine(m);
        float[] row = RandomModels.flatten(RandomModels.window(m, 4));
        float[] out = new float[m.outputCount()];
        engine.reset();
        engine.step(row, out);
        assertFalse(engine.saturated());
        float[] spiked = row.clone();
        spiked[0] = 1e6f;
        engine.step(spiked, out);
        assertTrue(engine.saturated());
        engine.step(row, out);
        assertFalse(engine.saturated(), "the flag is about the last call only");
    }

    /** T = 47: runs of 16, 16 and 15 steps, so that every path of the input gates runs; in a JVM of its own. */
    @ParameterizedTest
    @EnumSource(KernelChoice.class)
    void predictAndStepAllocateNothing(KernelChoice kernel) throws Exception {
        FreshJvmAllocation.assertAllocatesNothing(new FreshJvmAllocation.Case("q16", kernel, CellActivation.ISRU,
                GateActivation.ISRU_SIGMOID, 64, 47));
    }

    /**
     * An engine's memory does not depend on the window length: building one for T = 12 and for
     * T = 480 (the same weights otherwise) allocates the same bytes, both its own state alone (on
     * shared weights) and with its weights. A buffer of [T][H] ints per layer would make the
     * second larger by 468 · 64 · 4 ≈ 120 kB per layer.
     */
    @ParameterizedTest
    @EnumSource(KernelChoice.class)
    void memoryDoesNotGrowWithTheWindowLength(KernelChoice kernel) {
        Model shortWindow = RandomModels.model(8, new RandomModels.Shape(6, new int[] {64, 64}, 3, 12), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
        Model longWindow = RandomModels.model(8, new RandomModels.Shape(6, new int[] {64, 64}, 3, 480), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
        Q16Weights shortWeights = new Q16Weights(shortWindow, kernel);
        Q16Weights longWeights = new Q16Weights(longWindow, kernel);
        Object[] sink = new Object[1]; // the engines escape, so that no allocation can be optimized away
        for (int warmUp = 0; warmUp < 2; warmUp++) { // class loading allocates, once
            sink[0] = new Q16Engine(shortWeights);
            sink[0] = new Q16Engine(longWindow, kernel);
        }
        long stateShort = AllocationMeter.fewestBytes(3, () -> sink[0] = new Q16Engine(shortWeights));
        long stateLong = AllocationMeter.fewestBytes(3, () -> sink[0] = new Q16Engine(longWeights));
        assertEquals(stateShort, stateLong, "bytes of an engine's own state for T = 12 and T = 480");
        long wholeShort = AllocationMeter.fewestBytes(3, () -> sink[0] = new Q16Engine(shortWindow, kernel));
        long wholeLong = AllocationMeter.fewestBytes(3, () -> sink[0] = new Q16Engine(longWindow, kernel));
        assertEquals(wholeShort, wholeLong, "bytes of an engine with its weights for T = 12 and T = 480");
        assertTrue(stateShort < wholeShort, stateShort + " bytes of state, " + wholeShort + " with the weights");
    }

    /** Engines on threads of their own share one set of weights, which nothing writes. */
    @Test
    void outputsAreBitIdenticalAcrossRunsAndThreads() throws Exception {
        Model m = RandomModels.model(77, new RandomModels.Shape(5, new int[] {32, 16}, 2, 24), WeightType.F16,
                CellActivation.TANH, GateActivation.SIGMOID);
        float[][] windows = new float[8][];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = RandomModels.flatten(RandomModels.window(m, w));
        }
        Q16Weights weights = new Q16Weights(m, KernelChoice.FASTEST);
        int[][] expected = outputBits(weights, windows);
        assertArrayEquals(expected, outputBits(weights, windows), "second run");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[][]>> results = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                results.add(pool.submit(() -> outputBits(weights, windows)));
            }
            for (Future<int[][]> r : results) {
                assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The bits of the outputs of a fresh engine on the shared weights for each window: [windows][O]. */
    private static int[][] outputBits(Q16Weights weights, float[][] windows) {
        Q16Engine engine = new Q16Engine(weights);
        Model m = weights.model();
        int[][] bits = new int[windows.length][m.outputCount()];
        float[] out = new float[m.outputCount()];
        for (int w = 0; w < windows.length; w++) {
            engine.predict(windows[w], out);
            for (int o = 0; o < out.length; o++) {
                bits[w][o] = Float.floatToRawIntBits(out[o]);
            }
        }
        return bits;
    }
}
