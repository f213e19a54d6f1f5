package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Q16 engine against the independent double-precision forward pass (ReferenceLstm) on random
 * models: hidden 16..256, 1..3 layers, T 1..96, all three weight types, weights uniform in
 * ±1/sqrt(H), inputs uniform within two stds of each input's mean. The measure is the largest
 * |y'_Q16 - y'_double| in normalized output units; the bound is 1e-3. The reference gets the very
 * float inputs the engine gets (the window rounded to float), so only the engine's own error counts.
 * Prints max and mean per activation pair for docs/fixedpoint.md.
 */
class Q16EngineAccuracyTest {
    private static final int[] HIDDEN = {16, 32, 64, 128, 256};
    private static final int[] WINDOWS = {1, 24, 48, 96};
    private static final int MODELS_PER_PAIR = 10;
    private static final int WINDOWS_PER_MODEL = 3;

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"TANH, SIGMOID", "TANH, ISRU_SIGMOID", "ISRU, SIGMOID", "ISRU, ISRU_SIGMOID"})
    void normalizedOutputsAreWithinOneThousandthOfTheDoubleReference(CellActivation cell, GateActivation gate) {
        SplittableRandom shapes = new SplittableRandom(31L * cell.ordinal() + gate.ordinal());
        double max = 0;
        double sum = 0;
        int count = 0;
        String worst = "";
        for (int m = 0; m < MODELS_PER_PAIR; m++) {
            int layerCount = 1 + m % 3;
            int[] hidden = new int[layerCount];
            for (int l = 0; l < layerCount; l++) {
                // at most one 256-wide layer per model keeps the suite fast
                hidden[l] = HIDDEN[shapes.nextInt(l == 0 ? HIDDEN.length : HIDDEN.length - 1)];
            }
            RandomModels.Shape shape = new RandomModels.Shape(1 + shapes.nextInt(8), hidden, 1 + shapes.nextInt(4),
                    WINDOWS[m % WINDOWS.length]);
            WeightType type = WeightType.values()[m % 3];
            Model model = RandomModels.model(1000 + m, shape, type, cell, gate);
            Q16Engine engine = new Q16Engine(model);
            float[] out = new float[model.outputCount()];
            int[] normalized = new int[model.outputCount()];
            for (int w = 0; w < WINDOWS_PER_MODEL; w++) {
                double[][] window = asFloats(RandomModels.window(model, 7 * m + w));
                engine.predict(RandomModels.flatten(window), out);
                assertFalse(engine.saturated(), "inputs within two stds must not saturate");
                engine.normalizedOutputs(normalized);
                double[] expected = ReferenceLstm.normalizedOutputs(model, window);
                for (int o = 0; o < expected.length; o++) {
                    double diff = Math.abs(normalized[o] / 65536.0 - expected[o]);
                    sum += diff;
                    count++;
                    if (diff > max) {
                        max = diff;
                        worst = "model " + m + " " + type + " hidden " + java.util.Arrays.toString(hidden) + " T "
                                + shape.window() + " output " + o;
                    }
                }
            }
        }
        System.out.printf("Q16 vs double, %s/%s: max %.3g mean %.3g (y' units) over %d outputs; worst: %s%n",
                cell, gate, max, sum / count, count, worst);
        assertTrue(max <= 1e-3, "max |Δy'| " + max + " at " + worst);
    }

    /** The window as the engine sees it: every value rounded to float. */
    private static double[][] asFloats(double[][] window) {
        double[][] f = new double[window.length][];
        for (int t = 0; t < window.length; t++) {
            f[t] = new double[window[t].length];
            for (int k = 0; k < f[t].length; k++) {
                f[t][k] = (float) window[t][k];
            }
        }
        return f;
    }
}
