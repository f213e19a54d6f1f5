package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import java.util.Arrays;

/**
 * The plain float32 kernel: scalar loops written straight from the format's equations, one pass
 * over each layer's fused [4H][n+H] matrix per step, time-major (every layer advances one step
 * before the next row). The yardstick the fast kernel is tested against, and the fallback where
 * the Vector API is absent.
 */
final class ReferenceKernel implements FloatKernel {
    private final FusedLayer[] layers;
    private final CellActivation cell;
    private final GateActivation gate;
    private final int inputCount; // I
    private final LayerStates windowState;
    private final LayerStates streamState;
    private final float[] z; // pre-activations [4·max H]

    ReferenceKernel(Model model) {
        layers = FusedLayer.of(model);
        cell = model.cellActivation();
        gate = model.gateActivation();
        inputCount = model.inputCount();
        windowState = new LayerStates(layers);
        streamState = new LayerStates(layers);
        int maxRows = 0;
        for (FusedLayer layer : layers) {
            maxRows = Math.max(maxRows, Gate.COUNT * layer.hiddenSize);
        }
        z = new float[maxRows];
    }

    @Override
    public float[] window(float[] normalized) {
        windowState.zero();
        int steps = normalized.length / inputCount;
        for (int t = 0; t < steps; t++) {
            advance(windowState, normalized, t * inputCount);
        }
        return windowState.h[layers.length - 1];
    }

    @Override
    public float[] step(float[] normalized) {
        advance(streamState, normalized, 0);
        return streamState.h[layers.length - 1];
    }

    @Override
    public void reset() {
        streamState.zero();
    }

    @Override
    public String name() {
        return "reference";
    }

    /** Every layer one step: layer 0 reads x'[offset .. offset+I), layer l > 0 reads h of l-1. */
    private void advance(LayerStates state, float[] x, int offset) {
        float[] in = x;
        int inOffset = offset;
        for (int l = 0; l < layers.length; l++) {
            layerStep(layers[l], in, inOffset, state.h[l], state.c[l]);
            in = state.h[l];
            inOffset = 0;
        }
    }

    /** z = [W | U] · [in ; h] + b, then the gates, c and h in place. in [n] from inOffset, h, c [H]. */
    private void layerStep(FusedLayer layer, float[] in, int inOffset, float[] h, float[] c) {
        int n = layer.inputSize;
        int hidden = layer.hiddenSize;
        int columns = layer.columns;
        float[] w = layer.weights; // [4H][n+H]
        for (int r = 0; r < Gate.COUNT * hidden; r++) {
            int row = r * columns;
            float s = layer.bias[r];
            for (int k = 0; k < n; k++) {
                s += w[row + k] * in[inOffset + k];
            }
            for (int k = 0; k < hidden; k++) {
                s += w[row + n + k] * h[k];
            }
            z[r] = s;
        }
        int iRow = Gate.INPUT.firstRow(hidden);
        int fRow = Gate.FORGET.firstRow(hidden);
        int gRow = Gate.CANDIDATE.firstRow(hidden);
        int oRow = Gate.OUTPUT.firstRow(hidden);
        for (int j = 0; j < hidden; j++) {
            float i = FloatActivations.gate(gate, z[iRow + j]);
            float f = FloatActivations.gate(gate, z[fRow + j]);
            float g = FloatActivations.cell(cell, z[gRow + j]);
            float o = FloatActivations.gate(gate, z[oRow + j]);
            c[j] = f * c[j] + i * g;
            h[j] = o * FloatActivations.cell(cell, c[j]);
        }
    }

    /** h and c of every layer: h[l], c[l] are [H_l]. */
    private static final class LayerStates {
        final float[][] h;
        final float[][] c;

        LayerStates(FusedLayer[] layers) {
            h = new float[layers.length][];
            c = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                h[l] = new float[layers[l].hiddenSize];
                c[l] = new float[layers[l].hiddenSize];
            }
        }

        void zero() {
            for (int l = 0; l < h.length; l++) {
                Arrays.fill(h[l], 0f);
                Arrays.fill(c[l], 0f);
            }
        }
    }
}
