package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Q16 engine on models trained by the trainer (examples/occupancy/train.sh; see the README in
 * src/test/resources/engine/q16/): trained weights are larger and gates more often saturated than
 * in random models. Against the independent double reference, on windows drawn within two stds of
 * each input's mean, the largest |y'_Q16 - y'_double| must stay within 1e-3. Prints max and mean
 * for docs/fixedpoint.md.
 */
class Q16EngineTrainedModelTest {
    private static final int WINDOWS = 40;

    @ParameterizedTest
    @ValueSource(strings = {"occupancy-tanh-sigmoid", "occupancy-isru-isrusigmoid"})
    void normalizedOutputsAreWithinOneThousandthOfTheDoubleReference(String name) throws Exception {
        Path file = Path.of(Q16EngineTrainedModelTest.class.getResource("/engine/q16/" + name + ".ncm").toURI());
        Model model = ModelReader.read(file);
        Q16Engine engine = new Q16Engine(model);
        float[] out = new float[model.outputCount()];
        int[] normalized = new int[model.outputCount()];
        double max = 0;
        double sum = 0;
        for (int w = 0; w < WINDOWS; w++) {
            double[][] window = RandomModels.window(model, w);
            float[] flat = RandomModels.flatten(window);
            for (int t = 0; t < window.length; t++) {
                for (int k = 0; k < window[t].length; k++) {
                    window[t][k] = flat[t * window[t].length + k]; // the reference sees the engine's floats
                }
            }
            engine.predict(flat, out);
            assertFalse(engine.saturated(), "window " + w);
            engine.normalizedOutputs(normalized);
            double[] expected = ReferenceLstm.normalizedOutputs(model, window);
            for (int o = 0; o < expected.length; o++) {
                double diff = Math.abs(normalized[o] / 65536.0 - expected[o]);
                max = Math.max(max, diff);
                sum += diff;
            }
        }
        System.out.printf("Q16 vs double, trained %s: max %.3g mean %.3g (y' units) over %d outputs%n", name, max,
                sum / (WINDOWS * model.outputCount()), WINDOWS * model.outputCount());
        assertTrue(max <= 1e-3, name + ": max |Δy'| " + max);
    }
}
