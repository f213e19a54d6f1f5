package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * predict, step and reset allocate nothing, for every activation pair and both kernels: 2,000
 * calls of each measured with the per-thread allocation counter, each case in a JVM of its own
 * ({@link FreshJvmAllocation} says why).
 */
class FloatEngineAllocationTest {
    static Stream<FreshJvmAllocation.Case> cases() {
        return Stream.of(KernelChoice.values()).flatMap(kernel -> Stream.of(CellActivation.values())
                .flatMap(cell -> Stream.of(GateActivation.values())
                        .map(gate -> new FreshJvmAllocation.Case("float", kernel, cell, gate, 8, 12))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictStepAndResetAllocateNothing(FreshJvmAllocation.Case c) throws Exception {
        FreshJvmAllocation.assertAllocatesNothing(c);
    }
}
