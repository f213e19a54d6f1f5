package io.nowcast.engine.testing;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;

/**
 * An independent double-precision forward pass, written line for line from the "Meaning" section
 * of ncm-format-v1 and sharing no code with the engines: the yardstick that engine tests compare
 * against. Slow and allocating on purpose: clarity over speed.
 */
public final class ReferenceLstm {
    private ReferenceLstm() {
    }

    public static double cell(CellActivation a, double x) {
        return switch (a) {
            case TANH -> Math.tanh(x);
            case ISRU -> x / Math.sqrt(1 + x * x);
        };
    }

    public static double gate(GateActivation a, double x) {
        return switch (a) {
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case ISRU_SIGMOID -> 0.5 * (1 + x / Math.sqrt(4 + x * x));
        };
    }

    /** y' (normalized outputs) for a window of raw inputs window[t][k]. */
    public static double[] normalizedOutputs(Model m, double[][] window) {
        int inputCount = m.inputCount();
        double[][] seq = new double[window.length][inputCount];
        for (int t = 0; t < window.length; t++) {
            for (int k = 0; k < inputCount; k++) {
                seq[t][k] = (window[t][k] - m.inputs().get(k).mean()) / m.inputs().get(k).std();
            }
        }
        for (LstmLayer layer : m.layers()) {
            seq = layer(m, layer, seq);
        }
        double[] hLast = seq[seq.length - 1];
        double[] wy = m.headWeights();
        double[] by = m.headBias();
        double[] y = new double[m.outputCount()];
        for (int o = 0; o < y.length; o++) {
            double s = by[o];
            for (int j = 0; j < hLast.length; j++) {
                s += wy[o * hLast.length + j] * hLast[j];
            }
            y[o] = s;
        }
        return y;
    }

    /** y (raw outputs) for a window of raw inputs window[t][k]. */
    public static double[] outputs(Model m, double[][] window) {
        double[] y = normalizedOutputs(m, window);
        double[] last = window[window.length - 1];
        for (int o = 0; o < y.length; o++) {
            OutputSpec spec = m.outputs().get(o);
            y[o] = y[o] * spec.std() + spec.mean() + (spec.baseInput() >= 0 ? last[spec.baseInput()] : 0);
        }
        return y;
    }

    /** One layer over a whole sequence from zero state: in [T][n] -> h [T][H]. */
    private static double[][] layer(Model m, LstmLayer layer, double[][] in) {
        int n = layer.inputSize();
        int hidden = layer.hiddenSize();
        double[] w = layer.inputWeights();
        double[] u = layer.recurrentWeights();
        double[] b = layer.bias();
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        double[][] out = new double[in.length][];
        for (int t = 0; t < in.length; t++) {
            double[] z = new double[4 * hidden];
            for (int r = 0; r < 4 * hidden; r++) {
                double s = b[r];
                for (int k = 0; k < n; k++) {
                    s += w[r * n + k] * in[t][k];
                }
                for (int k = 0; k < hidden; k++) {
                    s += u[r * hidden + k] * h[k];
                }
                z[r] = s;
            }
            double[] hNew = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double i = gate(m.gateActivation(), z[j]);
                double f = gate(m.gateActivation(), z[hidden + j]);
                double g = cell(m.cellActivation(), z[2 * hidden + j]);
                double o = gate(m.gateActivation(), z[3 * hidden + j]);
                c[j] = f * c[j] + i * g;
                hNew[j] = o * cell(m.cellActivation(), c[j]);
            }
            h = hNew;
            out[t] = h;
        }
        return out;
    }
}
