package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 engine against {@link ReferenceLstm}, the independent double-precision pass, with each kernel, on
 * random models of several shapes, every activation pair and weight type, within {@link FloatVsReference#TOLERANCE}
 * on the scale of each output (the worst error seen is printed).
 */
class FloatEngineVsReferenceLstmTest {
    static Stream<Arguments> cases() {
        return EngineVariants.both().flatMap(variant -> Stream.of(CellActivation.values())
                .flatMap(cell -> Stream.of(GateActivation.values()).map(gate -> Arguments.of(variant, cell, gate))));
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @MethodSource("cases")
    void agreesWithTheDoublePrecisionReference(Function<Model, FloatEngine> variant, CellActivation cell,
            GateActivation gate) {
        FloatVsReference.Worst worst = FloatVsReference.worst(variant, cell, gate);
        assertTrue(worst.within(), worst.where() + ", relative error " + worst.error());
        System.out.printf("%s kernel, %s/%s: worst relative error vs ReferenceLstm %.2e%n", worst.kernel(), cell, gate,
                worst.error());
    }
}
