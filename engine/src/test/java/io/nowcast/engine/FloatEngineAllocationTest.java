package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.AllocationMeter;
import io.nowcast.engine.testing.RandomModels;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * predict, step and reset allocate nothing, for every activation pair and both kernels: measured
 * with the per-thread allocation counter over thousands of calls. Code that the JIT has not
 * compiled yet may allocate (the Vector API boxes its vectors in the interpreter), so the calls are
 * first repeated until one batch runs allocation-free, for at most {@link #MAX_WARMUP} (C2 comes
 * later on a busy machine), and then the measured calls must allocate exactly 0 bytes.
 */
class FloatEngineAllocationTest {
    private static final int BATCH = 500;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(20);
    private static final int MEASURED_CALLS = 5_000;

    static Stream<Arguments> enginesAndPairs() {
        return EngineVariants.both().flatMap(variant -> Stream.of(CellActivation.values())
                .flatMap(cell -> Stream.of(GateActivation.values()).map(gate -> Arguments.of(variant, cell, gate))));
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @MethodSource("enginesAndPairs")
    void predictStepAndResetAllocateNothing(Function<Model, FloatEngine> variant, CellActivation cell,
            GateActivation gate) {
        Model model = RandomModels.model(7, new RandomModels.Shape(6, new int[] {8, 8}, 3, 12), WeightType.F32,
                cell, gate);
        FloatEngine engine = variant.apply(model);
        float[] window = RandomModels.flatten(RandomModels.window(model, 8));
        float[] row = new float[model.inputCount()];
        System.arraycopy(window, 0, row, 0, row.length);
        float[] out = new float[model.outputCount()];
        Runnable calls = () -> {
            for (int k = 0; k < BATCH; k++) {
                engine.predict(window, out);
                engine.step(row, out);
                if (k % 50 == 0) {
                    engine.reset();
                }
            }
        };
        int batches = AllocationMeter.warmUp(calls, MAX_WARMUP);
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            for (int k = 0; k < MEASURED_CALLS / BATCH; k++) {
                calls.run();
            }
        });
        assertEquals(0, bytes, "bytes allocated by " + MEASURED_CALLS + " × (predict + step) with "
                + engine.kernelName() + " after " + batches + " warm-up batches");
    }
}
