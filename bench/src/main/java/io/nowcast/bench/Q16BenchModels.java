package io.nowcast.bench;

import io.nowcast.runtime.model.CellActivation;
import io.nowcast.runtime.model.GateActivation;
import io.nowcast.runtime.model.InputSpec;
import io.nowcast.runtime.model.LstmLayer;
import io.nowcast.runtime.model.Model;
import io.nowcast.runtime.model.OutputSpec;
import io.nowcast.runtime.model.WeightType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarks' model: 6 inputs, two LSTM layers of hidden size H, 3 outputs, T = 48, f32 weights
 * uniform in ±1/sqrt(H), and a window drawn within two stds of each input's mean. Built here
 * because the bench module does not see runtime's test helpers (RandomModels); see docs/benchmarks.md.
 */
final class Q16BenchModels {
    static final int INPUTS = 6;
    static final int OUTPUTS = 3;
    static final int WINDOW = 48;

    private Q16BenchModels() {
    }

    static Model model(int hidden, CellActivation cell, GateActivation gate) {
        SplittableRandom rnd = new SplittableRandom(hidden);
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < INPUTS; k++) {
            inputs.add(new InputSpec("in" + k, "u", (float) (100 * k), (float) (1 + k)));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int o = 0; o < OUTPUTS; o++) {
            outputs.add(new OutputSpec("out" + o, "u", 1800L * (o + 1), o == 0 ? 0 : OutputSpec.NO_BASE_INPUT, 0f, 2f));
        }
        double scale = 1 / Math.sqrt(hidden);
        List<LstmLayer> layers = List.of(
                new LstmLayer(INPUTS, hidden, uniform(rnd, 4 * hidden * INPUTS, scale),
                        uniform(rnd, 4 * hidden * hidden, scale), uniform(rnd, 4 * hidden, scale)),
                new LstmLayer(hidden, hidden, uniform(rnd, 4 * hidden * hidden, scale),
                        uniform(rnd, 4 * hidden * hidden, scale), uniform(rnd, 4 * hidden, scale)));
        return new Model(WeightType.F32, cell, gate, WINDOW, 600, inputs, outputs, "benchmark model", layers,
                uniform(rnd, OUTPUTS * hidden, scale), uniform(rnd, OUTPUTS, scale));
    }

    /** T rows of I raw inputs, row-major, each within two stds of its input's mean. */
    static float[] window(Model m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[m.window() * m.inputCount()];
        for (int k = 0; k < w.length; k++) {
            InputSpec in = m.inputs().get(k % m.inputCount());
            w[k] = (float) (in.mean() + in.std() * (4 * rnd.nextDouble() - 2));
        }
        return w;
    }

    private static double[] uniform(SplittableRandom rnd, int count, double scale) {
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
            a[k] = scale * (2 * rnd.nextDouble() - 1);
        }
        return a;
    }
}
