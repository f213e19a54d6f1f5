package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.function.Function;

/**
 * The float32 engine against {@link ReferenceLstm}, the independent double-precision pass, on random models of
 * several shapes and every weight type, for one activation pair. Outputs are compared on the scale of each output:
 * the error is |y - y_ref| / max(|y_ref|, std_k), allowed up to {@value #TOLERANCE}. Float32 rounds at 6e-8
 * relative; over T = 48 steps and two layers the error stays below 3e-6; well above that, any real mistake is of
 * order 1e-2 or more.
 */
final class FloatVsReference {
    static final double TOLERANCE = 1e-5;
    private static final RandomModels.Shape[] SHAPES = {
        new RandomModels.Shape(6, new int[] {16, 16}, 3, 48),
        new RandomModels.Shape(3, new int[] {5}, 2, 10),
        new RandomModels.Shape(2, new int[] {7, 3, 19}, 4, 20),
        new RandomModels.Shape(6, new int[] {64, 64}, 3, 48),
    };
    private static final int WINDOWS = 3;

    /** The worst error seen, where it was, and the kernel that gave it. */
    record Worst(double error, String where, String kernel) {
        boolean within() {
            return error <= TOLERANCE;
        }
    }

    private FloatVsReference() {
    }

    /** The worst error of engines made by {@code variant} over every shape, weight type and 3 windows each. */
    static Worst worst(Function<Model, FloatEngine> variant, CellActivation cell, GateActivation gate) {
        Worst worst = new Worst(0, "nothing compared", "");
        for (int s = 0; s < SHAPES.length; s++) {
            for (WeightType type : WeightType.values()) {
                long seed = 1000L * s + type.ordinal() + 31L * cell.ordinal() + 7L * gate.ordinal();
                Model model = RandomModels.model(seed, SHAPES[s], type, cell, gate);
                FloatEngine engine = variant.apply(model);
                for (int w = 0; w < WINDOWS; w++) {
                    double[][] window = RandomModels.window(model, seed * 10 + w);
                    double[] expected = ReferenceLstm.outputs(model, window);
                    float[] out = new float[model.outputCount()];
                    engine.predict(RandomModels.flatten(window), out);
                    for (int k = 0; k < out.length; k++) {
                        double scale = Math.max(Math.abs(expected[k]), model.outputs().get(k).std());
                        double error = Math.abs(out[k] - expected[k]) / scale;
                        if (error > worst.error() || Double.isNaN(error)) {
                            worst = new Worst(error, model + " window " + w + " output " + k + ": " + out[k]
                                    + " vs " + expected[k], engine.kernelName());
                        }
                    }
                }
            }
        }
        return worst;
    }
}
