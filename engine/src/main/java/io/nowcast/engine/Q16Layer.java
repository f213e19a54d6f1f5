package io.nowcast.engine;

import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Conversions;
import io.nowcast.fixedpoint.Q16Dot;

/**
 * One LSTM layer's weights in Q16.16, immutable: W [4H][n], U [4H][H] (both stored column-major)
 * and b [4H], as the reference kernel reads them, and the input clamp that keeps every gate
 * accumulator exact. Rows
 * keep the model's gate order ({@link Gate}): row {@code gate.firstRow(H) + j} is gate
 * {@code gate} of unit j. The Vector API kernel re-lays the same numbers out
 * ({@link Q16PackedLayer}). {@link #of} is the only member that reads the model's doubles; the
 * rest is integer-only.
 */
final class Q16Layer {
    final int inputSize; // n
    final int hiddenSize; // H
    final int rows; // 4H
    /**
     * W [4H][n] stored column-major, i.e. [n][4H]: column k is W[·][k]; Q16.16. A step adds x_k
     * times column k to all 4H accumulators at once, which vectorizes without one horizontal sum
     * per row.
     */
    final int[] inputColumns;
    final int[] recurrentColumns; // U [4H][H] stored column-major, [H][4H], likewise; Q16.16
    final long[] bias; // b [4H], Q32.32: the Q16.16 bias widened, where every gate sum starts
    /**
     * The largest |x_t| (Q16.16 raw) for which no gate's 64-bit accumulator can overflow, given
     * |h| ≤ 1: min over rows r of (2^63 - 1 - 2^16·(Σ|U_r| + |b_r|)) / Σ|W_r|, at most Q16.16's own
     * maximum. For layers after the first, x_t is a hidden state (|x| ≤ 1), far below it.
     */
    final int inputClamp;

    /**
     * @param fused [W U] [4H][n+H], row-major, Q16.16
     * @param bias b [4H], Q16.16
     */
    Q16Layer(int inputSize, int hiddenSize, int[] fused, int[] bias) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        rows = Gate.COUNT * hiddenSize;
        int width = inputSize + hiddenSize;
        inputColumns = new int[inputSize * rows];
        recurrentColumns = new int[hiddenSize * rows];
        this.bias = new long[rows];
        long clamp = Q16.MAX;
        for (int r = 0; r < rows; r++) {
            long sumW = 0; // Σ|W_r| ≤ 4096 · 2^31 = 2^43
            long sumU = Math.abs((long) bias[r]); // |b_r| + Σ|U_r|
            for (int k = 0; k < inputSize; k++) {
                int w = fused[r * width + k];
                inputColumns[k * rows + r] = w;
                sumW += Math.abs((long) w);
            }
            for (int k = 0; k < hiddenSize; k++) {
                int u = fused[r * width + inputSize + k];
                recurrentColumns[k * rows + r] = u;
                sumU += Math.abs((long) u);
            }
            this.bias[r] = Q16Dot.widen(bias[r]);
            if (sumW > 0) {
                clamp = Math.min(clamp, (Long.MAX_VALUE - (sumU << Q16.FRACTION_BITS)) / sumW);
            }
        }
        inputClamp = (int) clamp;
    }

    /** The model layer's weights and bias rounded to Q16.16, saturating (|w| ≥ 32768 cannot be held). */
    static Q16Layer of(LstmLayer layer) {
        int n = layer.inputSize();
        int hidden = layer.hiddenSize();
        int width = n + hidden;
        int rows = Gate.COUNT * hidden;
        double[] w = layer.inputWeights(); // W [4H][n]
        double[] u = layer.recurrentWeights(); // U [4H][H]
        double[] b = layer.bias(); // b [4H]
        int[] fused = new int[rows * width]; // [W U] [4H][n+H], row-major, Q16.16
        int[] bias = new int[rows]; // b [4H], Q16.16
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < n; k++) {
                fused[r * width + k] = Q16Conversions.toQ16(w[r * n + k]);
            }
            for (int k = 0; k < hidden; k++) {
                fused[r * width + n + k] = Q16Conversions.toQ16(u[r * hidden + k]);
            }
            bias[r] = Q16Conversions.toQ16(b[r]);
        }
        return new Q16Layer(n, hidden, fused, bias);
    }

    /** [W U][row][column], Q16.16: W for column &lt; n, U beyond. */
    int weight(int row, int column) {
        return column < inputSize ? inputColumns[column * rows + row]
                : recurrentColumns[(column - inputSize) * rows + row];
    }
}
