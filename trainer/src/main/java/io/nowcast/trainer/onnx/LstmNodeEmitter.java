package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.LstmLayer;
import java.util.List;

/**
 * A tanh/logistic layer as one standard ONNX {@code LSTM} node (forward, default activations, initial state zero or
 * given):
 * W [1][4H][n], R [1][4H][H], B [1][8H] = the bias, then zeros for the recurrent bias, gate blocks in ONNX's
 * order (i, o, f, c).
 */
final class LstmNodeEmitter implements LayerEmitter {
    private final GraphBuilder graph;

    LstmNodeEmitter(GraphBuilder graph) {
        this.graph = graph;
    }

    @Override
    public Emitted emit(String sequence, LstmLayer layer, boolean needSequence, State start) {
        int n = layer.inputSize();
        int h = layer.hiddenSize();
        String w = graph.floats("W", GateOrder.toOnnx(layer.inputWeights(), h, n), 1, 4L * h, n);
        String r = graph.floats("R", GateOrder.toOnnx(layer.recurrentWeights(), h, h), 1, 4L * h, h);
        double[] bias = new double[8 * h];
        System.arraycopy(GateOrder.toOnnx(layer.bias(), h, 1), 0, bias, 0, 4 * h);
        String b = graph.floats("B", bias, 1, 8L * h);
        String[] inputs = start == null ? new String[] {sequence, w, r, b}
                : new String[] {sequence, w, r, b, "", unsqueezed(start.hidden()), unsqueezed(start.cell())};
        // Y [T][1][batch][H], Y_h and (for a streaming graph, which carries it on) Y_c [1][batch][H]
        String[] out = graph.ops("LSTM", start == null ? 2 : 3, List.of(Attributes.integer("hidden_size", h)), inputs);
        String next = needSequence ? graph.op("Squeeze", out[0], graph.int64s("axis", false, 1)) : null;
        return new Emitted(next, new State(squeezed(out[1]), start == null ? null : squeezed(out[2])));
    }

    /** [batch][H] as [1][batch][H], the LSTM node's state shape. */
    private String unsqueezed(String state) {
        return graph.op("Unsqueeze", state, graph.int64s("axis", false, 0));
    }

    private String squeezed(String state) {
        return graph.op("Squeeze", state, graph.int64s("axis", false, 0));
    }
}
