package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Conversions;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.LstmLayer;
import java.util.Arrays;

/**
 * One LSTM layer of the Q16 engine: its weights in Q16.16, fused so that one pass over one matrix
 * gives all four gates. The carried state (x_t, h, c) belongs to the caller, so that one layer can
 * serve both a window and a stream. Integer-only after construction; {@link #step} allocates
 * nothing. The activations are Q16-specific integer functions (io.nowcast.fixedpoint),
 * chosen once from the model; nothing here is shared with the float engine.
 */
final class Q16Layer {
    /** Steps of a window whose b + W·x_t are computed together (Q16WindowGates only). */
    private static final int CHUNK = 16;

    private final int inputSize; // n
    private final int hiddenSize; // H
    private final int width; // n + H
    private final Q16Gates gates; // z = b + [W U]·[x_t; h_{t-1}]
    private final int stride; // gates.stride(): gate g of unit j is sums[g · stride + j]
    private final long[] sums; // [4 · stride] gate accumulators, Q32.32, gate blocks in Gate order
    private final int inputClamp; // see inputClamp()
    private final long[] half; // b + W·x_t for up to CHUNK steps [CHUNK][4 · stride], Q32.32; or null
    private final Q16Cells cells; // the vector unit updates, or null
    private final int cellsDone; // units cells updates: [0, cellsDone); the rest go through Q16Cell
    private final boolean isruCell; // φ: ISRU, else tanh
    private final boolean isruGate; // σ: ISRU-sigmoid, else logistic

    /**
     * Converts the layer's weights to Q16.16 (saturating: |w| ≥ 32768 cannot be held), for the
     * Vector API gate sums ({@link Q16VectorGates}) and, for an all-ISRU model, unit updates
     * ({@link Q16VectorCells}) when {@code vector} (only where that module is present), else the
     * scalar ones.
     */
    Q16Layer(LstmLayer layer, CellActivation cellActivation, GateActivation gateActivation, boolean vector) {
        inputSize = layer.inputSize();
        hiddenSize = layer.hiddenSize();
        width = inputSize + hiddenSize;
        int rows = Gate.COUNT * hiddenSize;
        double[] w = layer.inputWeights(); // [4H][n]
        double[] u = layer.recurrentWeights(); // [4H][H]
        double[] b = layer.bias(); // [4H]
        int[] fused = new int[rows * width]; // [W U] [4H][n + H], row-major, Q16.16
        int[] bias = new int[rows]; // b [4H], Q16.16
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputSize; k++) {
                fused[r * width + k] = Q16Conversions.toQ16(w[r * inputSize + k]);
            }
            for (int k = 0; k < hiddenSize; k++) {
                fused[r * width + inputSize + k] = Q16Conversions.toQ16(u[r * hiddenSize + k]);
            }
            bias[r] = Q16Conversions.toQ16(b[r]);
        }
        inputClamp = inputClamp(fused, bias, inputSize, width);
        gates = vector ? Q16VectorGates.create(fused, bias, hiddenSize, width)
                : new Q16ScalarGates(fused, bias, rows, width);
        stride = gates.stride();
        sums = new long[Gate.COUNT * stride];
        half = gates instanceof Q16WindowGates ? new long[CHUNK * Gate.COUNT * stride] : null;
        isruCell = cellActivation == CellActivation.ISRU;
        isruGate = gateActivation == GateActivation.ISRU_SIGMOID;
        cells = vector && isruCell && isruGate ? Q16VectorCells.create(hiddenSize, stride, inputSize) : null;
        cellsDone = cells == null ? 0 : cells.units();
    }

    int inputSize() {
        return inputSize;
    }

    int hiddenSize() {
        return hiddenSize;
    }

    /**
     * The largest |x| (Q16.16 raw) that x_t may hold so that no gate's 64-bit accumulator can
     * overflow, given |h| ≤ 1: min over rows r of (2^63 - 1 - 2^16 · (Σ|U_r| + |b_r|)) / Σ|W_r|,
     * and at most Q16.16's own maximum. For layers after the first, x_t is a hidden state (|x| ≤ 1)
     * and this bound is far above 1.
     */
    int inputClamp() {
        return inputClamp;
    }

    /** inputClamp() for the fused matrix [4H][n + H] (row-major) and bias [4H], Q16.16. */
    private static int inputClamp(int[] fused, int[] bias, int inputSize, int width) {
        long clamp = Q16.MAX;
        for (int r = 0; r < bias.length; r++) {
            long sumW = 0; // ≤ 4096 · 2^31 = 2^43
            long sumU = Math.abs((long) bias[r]);
            for (int k = 0; k < inputSize; k++) {
                sumW += Math.abs((long) fused[r * width + k]);
            }
            for (int k = inputSize; k < width; k++) {
                sumU += Math.abs((long) fused[r * width + k]);
            }
            if (sumW > 0) {
                clamp = Math.min(clamp, (Long.MAX_VALUE - (sumU << Q16.FRACTION_BITS)) / sumW);
            }
        }
        return (int) clamp;
    }

    /** The gate sums' implementation: "scalar" or "vector-Lx64". */
    String gatesName() {
        return gates.name();
    }

    /** A new input buffer [n + H] for this layer's state: x_t, then h. */
    int[] newInput() {
        return new int[width];
    }

    /** A new cell buffer c [H]. */
    int[] newCell() {
        return new int[hiddenSize];
    }

    /**
     * One time step: z = [W U]·[x_t; h_{t-1}] + b, then c and h. The new h replaces h_{t-1} in
     * {@code input} and is copied to {@code next[0..H)} (the next layer's x_t) when next is not null.
     *
     * @param input [n + H]: x_t, written by the caller, then h_{t-1}, kept here; Q16.16
     * @param cellState c [H], Q16.16, updated in place
     * @param next the next layer's input buffer, or null for the last layer
     * @return true when a cell value had to be clipped to Q16.16's range
     */
    boolean step(int[] input, int[] cellState, int[] next) {
        // Q32.32 accumulators: no overflow while |x_t| ≤ inputClamp() (checked by the engine)
        gates.multiply(input, sums);
        boolean clipped = update(input, cellState);
        if (next != null) {
            System.arraycopy(input, inputSize, next, 0, hiddenSize);
        }
        return clipped;
    }

    /**
     * A window's steps, layer by layer: x_t = xs[t·n .. (t+1)·n) for t &lt; count, from the state in
     * input (h) and cellState, h_t into hs[t·H ..] when hs is not null; the last h stays in input.
     * With Q16WindowGates, b + W·x_t of up to CHUNK steps come from one pass over W; otherwise
     * step by step. The same bits as count calls of {@link #step}.
     *
     * @param xs [count][n], Q16.16, each |x| ≤ inputClamp()
     * @param hs [count][H] or null
     * @return true when a cell value had to be clipped
     */
    boolean window(int[] xs, int count, int[] input, int[] cellState, int[] hs) {
        boolean clipped = false;
        for (int t0 = 0; t0 < count; t0 += CHUNK) {
            int steps = Math.min(CHUNK, count - t0);
            if (half != null) {
                ((Q16WindowGates) gates).inputHalf(xs, t0 * inputSize, steps, half);
            }
            for (int t = 0; t < steps; t++) {
                if (half != null) {
                    ((Q16WindowGates) gates).recurrentHalf(half, t, input, sums);
                } else {
                    System.arraycopy(xs, (t0 + t) * inputSize, input, 0, inputSize);
                    gates.multiply(input, sums);
                }
                clipped |= update(input, cellState);
                if (hs != null) {
                    System.arraycopy(input, inputSize, hs, (t0 + t) * hiddenSize, hiddenSize);
                }
            }
        }
        return clipped;
    }

    /** c and h of every unit from the gate sums in sums; h_t overwrites h_{t-1} in input. */
    private boolean update(int[] input, int[] cellState) {
        // h_t overwrites h_{t-1} in input only now that every gate sum has read it
        boolean clipped = cells != null && cells.update(sums, input, cellState);
        for (int j = cellsDone; j < hiddenSize; j++) {
            clipped |= Q16Cell.update(sums, stride, j, input, inputSize, cellState, isruCell, isruGate);
        }
        return clipped;
    }

    /** Where h_t sits in an input buffer: input[n .. n + H). */
    int hiddenOffset() {
        return inputSize;
    }

    /** Zero state: h = c = 0 (x_t is overwritten by every step anyway). */
    void reset(int[] input, int[] cellState) {
        Arrays.fill(input, inputSize, width, 0);
        Arrays.fill(cellState, 0);
    }
}
