package io.nowcast.trainer.nn;

import java.util.Arrays;

/**
 * The sizes of a stacked LSTM with a dense head, and where each tensor lives in one flat parameter
 * vector θ. Layout of θ, each tensor row-major and in the .ncm file's order:
 * for each layer l: W_l [4H_l][n_l], U_l [4H_l][H_l], b_l [4H_l]; then Wy [O][H_last], by [O].
 * Gates inside every 4H block: i, f, g, o.
 */
public final class LstmShape {
    public static final int GATES = 4;

    private final int inputCount; // I
    private final int[] hidden; // H_l
    private final int outputCount; // O
    private final int[] offW; // start of W_l in θ
    private final int[] offU; // start of U_l
    private final int[] offB; // start of b_l
    private final int offHeadW; // start of Wy
    private final int offHeadB; // start of by
    private final int size; // |θ|

    public LstmShape(int inputCount, int[] hidden, int outputCount) {
        if (inputCount < 1 || outputCount < 1 || hidden.length < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("sizes must be positive: I=" + inputCount + " H="
                    + Arrays.toString(hidden) + " O=" + outputCount);
        }
        this.inputCount = inputCount;
        this.hidden = hidden.clone();
        this.outputCount = outputCount;
        int layers = hidden.length;
        offW = new int[layers];
        offU = new int[layers];
        offB = new int[layers];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int g = GATES * hidden[l];
            offW[l] = off;
            off += g * inputSize(l);
            offU[l] = off;
            off += g * hidden[l];
            offB[l] = off;
            off += g;
        }
        offHeadW = off;
        off += outputCount * lastHidden();
        offHeadB = off;
        off += outputCount;
        size = off;
    }

    public int inputCount() {
        return inputCount;
    }

    public int outputCount() {
        return outputCount;
    }

    public int layers() {
        return hidden.length;
    }

    public int hidden(int l) {
        return hidden[l];
    }

    public int[] hiddenSizes() {
        return hidden.clone();
    }

    /** n_l: I for layer 0, else H_{l-1}. */
    public int inputSize(int l) {
        return l == 0 ? inputCount : hidden[l - 1];
    }

    public int lastHidden() {
        return hidden[hidden.length - 1];
    }

    public int offW(int l) {
        return offW[l];
    }

    public int offU(int l) {
        return offU[l];
    }

    public int offB(int l) {
        return offB[l];
    }

    public int offHeadW() {
        return offHeadW;
    }

    public int offHeadB() {
        return offHeadB;
    }

    /** |θ|, the number of parameters. */
    public int size() {
        return size;
    }

    /**
     * Floating-point operations of the matrix work of one window of T steps, forward and backward,
     * counted as 3 · 2·4H·(n+H) per layer and step (forward, gradient of the input, gradient of the
     * weights).
     */
    public double matrixFlopsPerWindow(int window) {
        double perStep = 0;
        for (int l = 0; l < hidden.length; l++) {
            perStep += 3.0 * 2 * GATES * hidden[l] * (inputSize(l) + hidden[l]);
        }
        return perStep * window;
    }

    @Override
    public String toString() {
        return "I=" + inputCount + " H=" + Arrays.toString(hidden) + " O=" + outputCount;
    }
}
