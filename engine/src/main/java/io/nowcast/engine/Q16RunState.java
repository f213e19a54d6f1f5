package io.nowcast.engine;

import io.nowcast.engine.model.Gate;
import java.util.Arrays;

/**
 * Everything one {@link Q16Engine} writes, allocated once from its {@link Q16Weights}: the carried
 * h and c of every layer for a window and for streaming, the buffers of a run of up to
 * {@link #CHUNK} steps (their inputs, their input gate sums), the gate sums and the kernel's
 * scratch of one step, the last raw row, the last y' and the saturation flag. Its size depends on
 * the layers, the inputs and the outputs, never on the window length T: a window runs through
 * these buffers CHUNK steps at a time. Integer-only.
 */
final class Q16RunState {
    /** Steps whose input gate sums are computed together: one pass over W serves them all. */
    static final int CHUNK = 16;

    final Layers window; // cleared by every predict
    final Layers stream; // carried by step, cleared by reset
    /**
     * The inputs of a run of steps, [CHUNK][max(I, H_l)], Q16.16: x'_t [count][I] for layer 0,
     * which layer l replaces, once its input gates have read them, with its h_t [count][H_l]: the
     * next layer's x_t.
     */
    final int[] sequence;
    final long[] inputGates; // b + W·x_t of a run of steps [CHUNK][4][max stride], Q32.32
    final long[] sums; // z of one step [4][max stride], Q32.32
    final int[] scratch; // the kernel's scratch for its cells [kernel.scratchLength()]
    final long[] lastRow; // [I]: the last raw row, Q32.32 (for outputs that are changes)
    final int[] normalizedOutput; // y' [O], Q16.16, of the last call
    boolean saturated; // a value had to be clipped in the last call

    /** The carried state of every layer, Q16.16. */
    static final class Layers {
        final int[][] h; // [L][H_l]
        final int[][] c; // [L][H_l]

        private Layers(int[] hiddenSizes) {
            h = new int[hiddenSizes.length][];
            c = new int[hiddenSizes.length][];
            for (int l = 0; l < hiddenSizes.length; l++) {
                h[l] = new int[hiddenSizes[l]];
                c[l] = new int[hiddenSizes[l]];
            }
        }

        /** Zero state: h = c = 0 in every layer. */
        void zero() {
            for (int l = 0; l < h.length; l++) {
                Arrays.fill(h[l], 0);
                Arrays.fill(c[l], 0);
            }
        }
    }

    Q16RunState(Q16Weights weights) {
        window = new Layers(weights.hiddenSizes);
        stream = new Layers(weights.hiddenSizes);
        int widestInput = weights.inputMean.length; // I
        int widestStride = 0;
        for (int l = 0; l < weights.hiddenSizes.length; l++) {
            widestInput = Math.max(widestInput, weights.hiddenSizes[l]);
            widestStride = Math.max(widestStride, weights.kernel.stride(l));
        }
        sequence = new int[CHUNK * widestInput];
        inputGates = new long[CHUNK * Gate.COUNT * widestStride];
        sums = new long[Gate.COUNT * widestStride];
        scratch = new int[weights.kernel.scratchLength()];
        lastRow = new long[weights.inputMean.length];
        normalizedOutput = new int[weights.outputMean.length];
    }
}
