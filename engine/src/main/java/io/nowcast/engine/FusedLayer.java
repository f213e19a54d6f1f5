package io.nowcast.engine;

import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;

/**
 * One LSTM layer's weights in float32 with W and U fused side by side, so that one step of the
 * layer is one pass over one [4H][n+H] matrix: z = [W | U] · [x ; h] + b. Rows keep the model's
 * gate order ({@link Gate}): row {@code gate.firstRow(H) + j} is gate {@code gate} of unit j.
 */
final class FusedLayer {
    final int inputSize; // n
    final int hiddenSize; // H
    final int columns; // n + H
    final float[] weights; // [W | U] [4H][n+H], row-major: columns 0..n-1 are W, n..n+H-1 are U
    final float[] bias; // b [4H]

    private FusedLayer(LstmLayer layer) {
        inputSize = layer.inputSize();
        hiddenSize = layer.hiddenSize();
        columns = inputSize + hiddenSize;
        int rows = Gate.COUNT * hiddenSize;
        double[] w = layer.inputWeights(); // [4H][n]
        double[] u = layer.recurrentWeights(); // [4H][H]
        double[] b = layer.bias(); // [4H]
        weights = new float[rows * columns];
        bias = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputSize; k++) {
                weights[r * columns + k] = (float) w[r * inputSize + k];
            }
            for (int k = 0; k < hiddenSize; k++) {
                weights[r * columns + inputSize + k] = (float) u[r * hiddenSize + k];
            }
            bias[r] = (float) b[r];
        }
    }

    /** The model's layers, in order, fused and rounded to float32. */
    static FusedLayer[] of(Model model) {
        return model.layers().stream().map(FusedLayer::new).toArray(FusedLayer[]::new);
    }
}
