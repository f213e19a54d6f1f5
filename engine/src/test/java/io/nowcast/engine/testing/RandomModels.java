package io.nowcast.engine.testing;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random but valid models and input windows for tests and benchmarks, deterministic for a seed.
 * Weights are uniform in ±1/sqrt(H) (the usual LSTM initialisation scale); input means and stds
 * look like weather channels; every second output is a change from an input (baseInput ≥ 0).
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** The shape of a random model. */
    public record Shape(int inputs, int[] hidden, int outputs, int window) {
    }

    public static Model model(long seed, Shape shape, WeightType type, CellActivation cell, GateActivation gate) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < shape.inputs(); k++) {
            inputs.add(new InputSpec("in" + k, "u" + k, (float) uniform(rnd, -50, 1000), (float) uniform(rnd, 0.1, 20)));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int k = 0; k < shape.outputs(); k++) {
            int base = k % 2 == 1 ? k % shape.inputs() : OutputSpec.NO_BASE_INPUT;
            outputs.add(new OutputSpec("out" + k, "v" + k, 600L * (k + 1), base,
                    (float) uniform(rnd, -10, 10), (float) uniform(rnd, 0.5, 5)));
        }
        List<LstmLayer> layers = new ArrayList<>();
        int n = shape.inputs();
        for (int h : shape.hidden()) {
            double scale = 1 / Math.sqrt(h);
            layers.add(new LstmLayer(n, h, weights(rnd, 4 * h * n, scale), weights(rnd, 4 * h * h, scale),
                    weights(rnd, 4 * h, scale)));
            n = h;
        }
        double scale = 1 / Math.sqrt(n);
        return new Model(type, cell, gate, shape.window(), 60, inputs, outputs, "random model, seed " + seed, layers,
                weights(rnd, shape.outputs() * n, scale), weights(rnd, shape.outputs(), scale));
    }

    /** T rows of raw inputs, each drawn uniformly within two stds of its input's mean: [T][I]. */
    public static double[][] window(Model m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] w = new double[m.window()][m.inputCount()];
        for (double[] row : w) {
            for (int k = 0; k < row.length; k++) {
                InputSpec in = m.inputs().get(k);
                row[k] = in.mean() + in.std() * uniform(rnd, -2, 2);
            }
        }
        return w;
    }

    /** The window flattened row-major as float, the layout Engine.predict takes: [T·I]. */
    public static float[] flatten(double[][] window) {
        int cols = window[0].length;
        float[] flat = new float[window.length * cols];
        for (int t = 0; t < window.length; t++) {
            for (int k = 0; k < cols; k++) {
                flat[t * cols + k] = (float) window[t][k];
            }
        }
        return flat;
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static double[] weights(SplittableRandom rnd, int count, double scale) {
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
            a[k] = uniform(rnd, -scale, scale);
        }
        return a;
    }
}
