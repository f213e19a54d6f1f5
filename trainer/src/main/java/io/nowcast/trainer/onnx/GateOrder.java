package io.nowcast.trainer.onnx;

/**
 * The four gate blocks of a [4H][cols] tensor in Nowcast's order (i, f, g, o: ncm-format-v1) and in the ONNX
 * {@code LSTM} operator's order (i, o, f, c, where c is the candidate: ONNX Operators.md, LSTM).
 */
final class GateOrder {
    /** ONNX block k holds Nowcast block ONNX_FROM_NOWCAST[k]. */
    private static final int[] ONNX_FROM_NOWCAST = {0, 3, 1, 2};
    /** Nowcast block k holds ONNX block NOWCAST_FROM_ONNX[k]. */
    private static final int[] NOWCAST_FROM_ONNX = {0, 2, 3, 1};

    private GateOrder() {
    }

    /** Nowcast's [4H][cols] (i, f, g, o) rearranged to ONNX's (i, o, f, c). */
    static double[] toOnnx(double[] blocks, int hidden, int cols) {
        return permute(blocks, hidden, cols, ONNX_FROM_NOWCAST);
    }

    /** ONNX's [4H][cols] (i, o, f, c) rearranged to Nowcast's (i, f, g, o). */
    static double[] toNowcast(double[] blocks, int hidden, int cols) {
        return permute(blocks, hidden, cols, NOWCAST_FROM_ONNX);
    }

    private static double[] permute(double[] blocks, int hidden, int cols, int[] from) {
        double[] out = new double[blocks.length];
        int block = hidden * cols;
        for (int k = 0; k < 4; k++) {
            System.arraycopy(blocks, from[k] * block, out, k * block, block);
        }
        return out;
    }
}
