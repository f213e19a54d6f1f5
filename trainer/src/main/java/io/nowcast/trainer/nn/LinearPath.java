package io.nowcast.trainer.nn;

import io.nowcast.engine.model.GateActivation;
import java.util.Arrays;

/**
 * Starting weights that give the network a near-linear path from every input to the head: the first
 * I·M units of layer 0 are fixed-rate exponential moving averages, one per input k and time
 * constant τ_m, and the first I·M units of every later layer copy the unit of the same index below.
 * The head then sees, among its features, M moving averages of each input over different spans, so
 * a trend (a difference of two averages, the slope a linear model on the window finds) is one
 * linear combination away. These weights train like all others; the path's output gates (and all
 * its gates after layer 0) start near saturation, where their gradient is small, so it tends to
 * stay.
 *
 * <p>Unit u = k·M + m of layer 0: input gate 1 − f, forget gate f = τ/(1+τ) (so c is an average,
 * c_t = f·c_{t−1} + (1−f)·φ(a·x_t[k])), output gate ≈ 1, cell input weight a on input k and no
 * other weights. Unit u of layer l ≥ 1: input and output gates ≈ 1, forget gate ≈ 0, cell input
 * weight 1 on unit u of layer l−1. With a = {@value #INPUT_GAIN}, the four tanh on the way
 * through two layers leave a steady input 3 standard deviations off at 0.96 of its linear value, 6
 * off (level noise included) at 0.89, 9 off at 0.80.
 *
 * @param timeConstants τ_m in steps, each ≥ 0 (0: the current value)
 */
public record LinearPath(double[] timeConstants) {
    /** a: the cell-input weight on the input in layer 0. */
    static final float INPUT_GAIN = 0.05f;
    /** How far from 0 or 1 a "saturated" gate starts. */
    static final double SATURATION = 1.0 / 400;
    /** No path: every unit starts as {@link Initializer} draws it. */
    public static final LinearPath NONE = new LinearPath(new double[0]);

    public LinearPath {
        timeConstants = timeConstants.clone();
        for (double tau : timeConstants) {
            if (!(tau >= 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("a time constant must be ≥ 0 and finite, got " + tau);
            }
        }
    }

    @Override
    public double[] timeConstants() {
        return timeConstants.clone();
    }

    /** I·M: the units the path takes in every layer. */
    public int units(int inputCount) {
        return inputCount * timeConstants.length;
    }

    /** Throws when a layer is smaller than the path. */
    public void checkFits(LstmShape shape) {
        int units = units(shape.inputCount());
        for (int l = 0; l < shape.layers(); l++) {
            if (shape.hidden(l) < units) {
                throw new IllegalArgumentException("the linear path needs " + units + " units in every layer ("
                        + shape.inputCount() + " inputs × " + timeConstants.length + " time constants), layer "
                        + (l + 1) + " has " + shape.hidden(l));
            }
        }
    }

    /** Overwrites the path's units in θ (laid out as {@link LstmShape} says). */
    void apply(float[] theta, LstmShape shape, GateActivation gate) {
        checkFits(shape);
        int m = timeConstants.length;
        int units = units(shape.inputCount());
        float open = (float) Initializer.inverse(gate, 1 - SATURATION);
        float shut = (float) Initializer.inverse(gate, SATURATION);
        for (int l = 0; l < shape.layers(); l++) {
            int hl = shape.hidden(l);
            int n = shape.inputSize(l);
            for (int u = 0; u < units; u++) {
                for (int gateRow = 0; gateRow < LstmShape.GATES; gateRow++) {
                    int row = gateRow * hl + u;
                    Arrays.fill(theta, shape.offW(l) + row * n, shape.offW(l) + (row + 1) * n, 0f);
                    Arrays.fill(theta, shape.offU(l) + row * hl, shape.offU(l) + (row + 1) * hl, 0f);
                }
                int b = shape.offB(l);
                int cellRow = 2 * hl + u;
                theta[b + cellRow] = 0f;
                theta[b + 3 * hl + u] = open; // output gate
                if (l == 0) {
                    double tau = timeConstants[u % m];
                    double f = Math.max(SATURATION, tau / (1 + tau));
                    theta[b + u] = (float) Initializer.inverse(gate, 1 - f); // input gate
                    theta[b + hl + u] = (float) Initializer.inverse(gate, f); // forget gate
                    theta[shape.offW(l) + cellRow * n + u / m] = INPUT_GAIN;
                } else {
                    theta[b + u] = open;
                    theta[b + hl + u] = shut;
                    theta[shape.offW(l) + cellRow * n + u] = 1f;
                }
            }
        }
    }
}
