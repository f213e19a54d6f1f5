package io.nowcast.bench;

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
 * The benchmarks' model: {@value #INPUTS} inputs, two LSTM layers of H, {@value #OUTPUTS} outputs,
 * T = {@value #WINDOW}, f32 weights uniform in ±1/sqrt(H), inputs normalized to N(0, 1)-like
 * values. Deterministic for a seed. Throughput depends on shape and activations, not on the values.
 */
final class BenchModels {
    static final int INPUTS = 6;
    static final int OUTPUTS = 3;
    static final int WINDOW = 48;
    static final int LAYERS = 2;

    private BenchModels() {
    }

    /**
     * The engine benchmarks' model for their {@code activations} parameter: "isru" (ISRU /
     * ISRU-sigmoid) or "tanh" (tanh / logistic); seed 17.
     */
    static Model model(int hidden, String activations) {
        return switch (activations) {
            case "isru" -> model(hidden, CellActivation.ISRU, GateActivation.ISRU_SIGMOID, 17);
            case "tanh" -> model(hidden, CellActivation.TANH, GateActivation.SIGMOID, 17);
            default -> throw new IllegalArgumentException("activations " + activations + ": expected isru or tanh");
        };
    }

    /** {@code rows} [T][I] as one window [T·I], row-major. */
    static float[] window(float[][] rows) {
        int inputs = rows[0].length;
        float[] window = new float[rows.length * inputs];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, window, t * inputs, inputs);
        }
        return window;
    }

    static Model model(int hidden, CellActivation cell, GateActivation gate, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < INPUTS; k++) {
            inputs.add(new InputSpec("in" + k, "", 10f * k, 1f + k));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int k = 0; k < OUTPUTS; k++) {
            outputs.add(new OutputSpec("out" + k, "", 3600L * (k + 1), k % INPUTS, 0f, 1f));
        }
        List<LstmLayer> layers = new ArrayList<>();
        int n = INPUTS;
        double scale = 1 / Math.sqrt(hidden);
        for (int l = 0; l < LAYERS; l++) {
            layers.add(new LstmLayer(n, hidden, uniform(rnd, 4 * hidden * n, scale),
                    uniform(rnd, 4 * hidden * hidden, scale), uniform(rnd, 4 * hidden, scale)));
            n = hidden;
        }
        return new Model(WeightType.F32, cell, gate, WINDOW, 60, inputs, outputs, "benchmark model", layers,
                uniform(rnd, OUTPUTS * hidden, scale), uniform(rnd, OUTPUTS, scale));
    }

    /** T rows of raw inputs, each within two stds of its input's mean: [T][I]. */
    static float[][] rows(Model model, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] rows = new float[model.window()][model.inputCount()];
        for (float[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                InputSpec in = model.inputs().get(k);
                row[k] = in.mean() + in.std() * (float) (4 * rnd.nextDouble() - 2);
            }
        }
        return rows;
    }

    private static double[] uniform(SplittableRandom rnd, int count, double scale) {
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
            a[k] = scale * (2 * rnd.nextDouble() - 1);
        }
        return a;
    }
}
