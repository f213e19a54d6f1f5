package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;

/**
 * The contract's four activation functions in float32, scalar, as the reference kernel computes
 * them: tanh and the logistic through Math.tanh and Math.exp, the yardstick for the vector kernel's
 * rational approximation of both ({@link io.nowcast.engine.activation.RationalTanh}). The ISRU forms first clamp x to
 * ±{@link #ISRU_CLAMP}: beyond it both already round to their limits in float32, and the clamp
 * keeps x² finite so that a huge (or infinite) pre-activation still gives ±1 (or 0 and 1), not 0
 * or NaN.
 */
final class FloatActivations {
    /** |x| beyond which ISRU(x) and ISRU-sigmoid(x) are their limits in float32 (2^20). */
    static final float ISRU_CLAMP = 0x1p20f;

    private FloatActivations() {
    }

    /** φ: tanh or ISRU, as the model's cell activation says. */
    static float cell(CellActivation a, float x) {
        return a == CellActivation.TANH ? tanh(x) : isru(x);
    }

    /** σ: logistic or ISRU-sigmoid, as the model's gate activation says. */
    static float gate(GateActivation a, float x) {
        return a == GateActivation.SIGMOID ? sigmoid(x) : isruSigmoid(x);
    }

    static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    /** x / sqrt(1 + x²). */
    static float isru(float x) {
        float v = clamp(x);
        return v / (float) Math.sqrt(1f + v * v);
    }

    /** 1 / (1 + e^-x). */
    static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }

    /** ½ · (1 + x / sqrt(4 + x²)). */
    static float isruSigmoid(float x) {
        float v = clamp(x);
        return 0.5f * (1f + v / (float) Math.sqrt(4f + v * v));
    }

    private static float clamp(float x) {
        return Math.max(-ISRU_CLAMP, Math.min(ISRU_CLAMP, x));
    }
}
