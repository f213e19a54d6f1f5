package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 engine against {@link ReferenceLstm}, the independent double-precision pass, on
 * random models of several shapes, every activation pair and weight type. Outputs are compared on
 * the scale of each output: |y - y_ref| ≤ {@value #TOLERANCE} · max(|y_ref|, std_k). Float32
 * rounds at 6e-8 relative; over T = 48 steps and two layers the error stays below 3e-6 (the worst
 * seen here is printed); well above that, any real mistake is of order 1e-2 or more.
 */
class FloatEngineVsReferenceLstmTest {
    private static final double TOLERANCE = 1e-5;
    private static final RandomModels.Shape[] SHAPES = {
        new RandomModels.Shape(6, new int[] {16, 16}, 3, 48),
        new RandomModels.Shape(3, new int[] {5}, 2, 10),
        new RandomModels.Shape(2, new int[] {7, 3, 19}, 4, 20),
        new RandomModels.Shape(6, new int[] {64, 64}, 3, 48),
    };

    static Stream<Arguments> cases() {
        return EngineVariants.both().flatMap(variant -> Stream.of(CellActivation.values())
                .flatMap(cell -> Stream.of(GateActivation.values()).map(gate -> Arguments.of(variant, cell, gate))));
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @MethodSource("cases")
    void agreesWithTheDoublePrecisionReference(Function<Model, FloatEngine> variant, CellActivation cell,
            GateActivation gate) {
        double worst = 0;
        String kernel = "";
        for (int s = 0; s < SHAPES.length; s++) {
            for (WeightType type : WeightType.values()) {
                long seed = 1000L * s + type.ordinal() + 31L * cell.ordinal() + 7L * gate.ordinal();
                Model model = RandomModels.model(seed, SHAPES[s], type, cell, gate);
                FloatEngine engine = variant.apply(model);
                kernel = engine.kernelName();
                for (int w = 0; w < 3; w++) {
                    double[][] window = RandomModels.window(model, seed * 10 + w);
                    double[] expected = ReferenceLstm.outputs(model, window);
                    float[] out = new float[model.outputCount()];
                    engine.predict(RandomModels.flatten(window), out);
                    for (int k = 0; k < out.length; k++) {
                        double scale = Math.max(Math.abs(expected[k]), model.outputs().get(k).std());
                        double error = Math.abs(out[k] - expected[k]) / scale;
                        worst = Math.max(worst, error);
                        assertTrue(error <= TOLERANCE, model + " window " + w + " output " + k + ": " + out[k]
                                + " vs " + expected[k] + ", relative error " + error);
                    }
                }
            }
        }
        System.out.printf("%s kernel, %s/%s: worst relative error vs ReferenceLstm %.2e%n", kernel, cell, gate, worst);
    }
}
