package io.nowcast.trainer.onnx;

import java.util.Arrays;
import java.util.Locale;

/**
 * A value on the model's data path, known at import by what it means rather than by its numbers: the input window,
 * an LSTM layer's output sequence, the hidden state of the last step, or the dense head's output. Each axis has a
 * {@link Role}; dims are the sizes the file declares (a symbolic size counts as 1, the batch of one window).
 *
 * @param kind   what the value is
 * @param layer  the LSTM layer that made it (-1: the graph's input); for HEAD, the layer the head reads
 * @param dims   its shape
 * @param roles  the meaning of each axis
 * @param layers for a LAST value with a {@link Role#LAYERS} axis, the layer of each entry along it
 * @param weight  for HEAD: A [O][H], so that the value is A · h + bias
 * @param bias    for HEAD: [O]
 * @param scaling for the graph's input: the normalization applied to it so far (null: none), along its
 *                {@link Role#FEATURE} axis
 */
record Flow(Kind kind, int layer, int[] dims, Role[] roles, int[] layers, double[] weight, double[] bias,
        Scaling scaling) {
    /** value = (raw − mean) / std for each input feature. */
    record Scaling(double[] mean, double[] std) {
    }

    Flow(Kind kind, int layer, int[] dims, Role[] roles, int[] layers, double[] weight, double[] bias) {
        this(kind, layer, dims, roles, layers, weight, bias, null);
    }

    enum Kind {
        /** A sequence over time: the input window (layer -1) or an LSTM's Y. */
        SEQUENCE,
        /** Hidden states of the last step: an LSTM's Y_h, or the last step of its Y. */
        LAST,
        /** An affine function of the last layer's final hidden state: the dense head. */
        HEAD,
        /** An LSTM's Y_c: Nowcast models have no use for it. */
        CELL
    }

    enum Role {
        TIME, BATCH, FEATURE,
        /** A size-1 axis: num_directions, or one added by Unsqueeze or kept by Slice. */
        ONE,
        /** Y_h's num_directions axis, along which exporters concatenate the layers' final states. */
        LAYERS,
        /** An axis of the graph's input, its meaning fixed by the first LSTM that reads it. */
        INPUT_AXIS
    }

    int rank() {
        return dims.length;
    }

    Flow with(int[] newDims, Role[] newRoles) {
        return new Flow(kind, layer, newDims, newRoles, layers, weight, bias, scaling);
    }

    /** This value without axis k. */
    Flow without(int k) {
        return with(remove(dims, k), remove(roles, k));
    }

    /** This value with a size-1 axis of the given role inserted at k. */
    Flow inserting(int k, Role role) {
        int[] d = new int[dims.length + 1];
        Role[] r = new Role[roles.length + 1];
        for (int j = 0, src = 0; j < d.length; j++) {
            d[j] = j == k ? 1 : dims[src];
            r[j] = j == k ? role : roles[src++];
        }
        return with(d, r);
    }

    static int[] remove(int[] a, int k) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, k);
        System.arraycopy(a, k + 1, out, k, a.length - k - 1);
        return out;
    }

    static Role[] remove(Role[] a, int k) {
        Role[] out = new Role[a.length - 1];
        System.arraycopy(a, 0, out, 0, k);
        System.arraycopy(a, k + 1, out, k, a.length - k - 1);
        return out;
    }

    /** What this value is, for messages: "the graph input [time, batch, feature]". */
    String describe() {
        String what = switch (kind) {
            case SEQUENCE -> layer < 0 ? "the graph input" : "the output sequence of LSTM layer " + layer;
            case LAST -> "the last hidden state of LSTM layer" + (layers.length == 1 ? " " + layers[0]
                    : "s " + Arrays.toString(layers));
            case HEAD -> "the dense head on LSTM layer " + layer;
            case CELL -> "the cell state of LSTM layer " + layer;
        };
        return what + " " + Arrays.toString(roles).toLowerCase(Locale.ROOT).replace("input_axis", "?");
    }
}
