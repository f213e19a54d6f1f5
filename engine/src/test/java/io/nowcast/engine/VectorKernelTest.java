package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernel against the reference kernel on many random models: every activation pair and
 * weight type, 1 to 3 layers, hidden sizes that are and are not multiples of the SIMD width, windows
 * shorter and longer than {@link VectorKernel#CHUNK}. Relative difference ≤ {@value #TOLERANCE},
 * measured as |fast - reference| / max(|reference|, scale): scale 1 for hidden states (in (-1, 1)),
 * the output's std for raw outputs, so that a value near zero is compared on its natural scale.
 * The two kernels sum the same products in a different order (and with fused multiply-adds), so
 * they differ by float32 rounding, about 1e-7 relative per step.
 */
class VectorKernelTest {
    private static final double TOLERANCE = 1e-5;
    private static final int MODELS = 120;

    @Test
    void agreesWithTheReferenceKernelOnRandomModels() {
        SplittableRandom rnd = new SplittableRandom(2026);
        double worst = 0;
        for (int m = 0; m < MODELS; m++) {
            int[] hidden = new int[1 + rnd.nextInt(3)];
            for (int l = 0; l < hidden.length; l++) {
                hidden[l] = 1 + rnd.nextInt(m % 4 == 0 ? 140 : 40);
            }
            int window = 1 + rnd.nextInt(m % 3 == 0 ? 3 * VectorKernel.CHUNK : 50);
            RandomModels.Shape shape = new RandomModels.Shape(1 + rnd.nextInt(8), hidden, 1 + rnd.nextInt(4), window);
            Model model = RandomModels.model(m, shape, WeightType.values()[m % 3],
                    CellActivation.values()[m % 2], GateActivation.values()[(m / 2) % 2]);
            worst = Math.max(worst, compare(model, m));
        }
        System.out.printf("fast vs reference kernel over %d random models: worst relative difference %.2e%n",
                MODELS, worst);
    }

    /** Window and five streaming steps through both kernels and both engines; returns the worst difference. */
    private static double compare(Model model, long seed) {
        float[] window = RandomModels.flatten(RandomModels.window(model, seed));
        int inputs = model.inputCount();
        int lastHidden = model.lastHiddenSize();
        FloatKernel fast = VectorKernel.create(model);
        FloatKernel reference = new ReferenceKernel(model);
        float[] normalized = normalize(model, window);
        double worst = differ(model + " window h", reference.window(normalized), fast.window(normalized),
                lastHidden, null);
        for (int t = 0; t < Math.min(5, model.window()); t++) {
            float[] row = Arrays.copyOfRange(normalized, t * inputs, (t + 1) * inputs);
            worst = Math.max(worst, differ(model + " step " + t + " h", reference.step(row), fast.step(row),
                    lastHidden, null));
        }
        float[] scale = new float[model.outputCount()];
        for (int k = 0; k < scale.length; k++) {
            scale[k] = model.outputs().get(k).std();
        }
        float[] expected = new float[scale.length];
        float[] actual = new float[scale.length];
        new FloatEngine(model, KernelChoice.REFERENCE).predict(window, expected);
        FloatEngine engine = new FloatEngine(model);
        engine.predict(window, actual);
        return Math.max(worst, differ(model + " " + engine.kernelName() + " outputs", expected, actual,
                scale.length, scale));
    }

    private static float[] normalize(Model model, float[] window) {
        float[] x = new float[window.length];
        for (int k = 0; k < x.length; k++) {
            var in = model.inputs().get(k % model.inputCount());
            x[k] = (window[k] - in.mean()) / in.std();
        }
        return x;
    }

    private static double differ(String what, float[] reference, float[] fast, int count, float[] scale) {
        double worst = 0;
        for (int k = 0; k < count; k++) {
            double s = Math.max(Math.abs(reference[k]), scale == null ? 1 : scale[k]);
            double d = Math.abs(fast[k] - reference[k]) / s;
            assertTrue(d <= TOLERANCE, what + "[" + k + "]: " + fast[k] + " vs reference " + reference[k]
                    + ", relative difference " + d);
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
