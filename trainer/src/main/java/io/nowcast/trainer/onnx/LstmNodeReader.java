package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.LstmLayer;
import io.nowcast.trainer.onnx.Flow.Kind;
import io.nowcast.trainer.onnx.Flow.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One standard ONNX {@code LSTM} node (ONNX Operators.md, LSTM, versions 1 to 22) as a Nowcast layer: forward
 * direction, default activations (Sigmoid, Tanh, Tanh), no peepholes, no clip, no coupled input-forget gate, zero or
 * absent initial states, no sequence_lens. W [1][4H][n], R [1][4H][H] and B [1][8H] (Wb then Rb) have their gate
 * blocks in ONNX's order i, o, f, c; Nowcast's bias is Wb + Rb.
 */
final class LstmNodeReader {
    private static final Set<String> KNOWN_ATTRIBUTES = Set.of("hidden_size", "direction", "activations", "layout",
            "input_forget", "clip", "activation_alpha", "activation_beta");
    private static final List<String> DEFAULT_ACTIVATIONS = List.of("Sigmoid", "Tanh", "Tanh");

    /** The layer and the node's outputs Y, Y_h, Y_c as values on the data path. */
    record Read(LstmLayer layer, Flow y, Flow yH, Flow yC) {
    }

    private LstmNodeReader() {
    }

    /**
     * @param x     the node's input X
     * @param index the number of this layer (0 for the first LSTM of the graph)
     * @param in    the node's constant inputs by position (null where absent or not constant)
     */
    static Read read(NodeView node, Flow x, int index, List<ConstTensor> in) {
        for (String a : node.attributeNames()) {
            if (!KNOWN_ATTRIBUTES.contains(a)) {
                throw node.fail("attribute '" + a + "' is not supported");
            }
        }
        String direction = node.text("direction", "forward");
        if (!direction.equals("forward")) {
            throw node.fail("direction '" + direction + "' is not supported, only forward");
        }
        if (node.has("activations") && !node.strings("activations").equals(DEFAULT_ACTIVATIONS)) {
            throw node.fail("activations " + node.strings("activations")
                    + " are not supported, only the default Sigmoid, Tanh, Tanh");
        }
        if (node.has("clip")) {
            throw node.fail("clip is not supported");
        }
        if (node.has("activation_alpha") || node.has("activation_beta")) {
            throw node.fail("activation_alpha/activation_beta are not supported");
        }
        if (node.integer("input_forget", 0) != 0) {
            throw node.fail("input_forget (coupled input and forget gates) is not supported");
        }
        int layout = (int) node.integer("layout", 0);
        if (layout != 0 && layout != 1) {
            throw node.fail("layout " + layout + " is not 0 or 1");
        }
        if (!node.input(4).isEmpty()) {
            throw node.fail("sequence_lens is not supported: every window has the same length");
        }
        if (!node.input(7).isEmpty()) {
            throw node.fail("peepholes (input P) are not supported");
        }
        for (int k = 5; k <= 6; k++) {
            if (!node.input(k).isEmpty() && (in.get(k) == null || !in.get(k).allZero())) {
                throw node.fail((k == 5 ? "initial_h" : "initial_c")
                        + " is not a constant zero: Nowcast windows start from zero state");
            }
        }
        ConstTensor w = weight(node, in, 1, "W");
        ConstTensor r = weight(node, in, 2, "R");
        if (w.rank() != 3 || r.rank() != 3 || w.dims()[0] != 1 || r.dims()[0] != 1) {
            throw node.fail(w.rank() == 3 && w.dims()[0] == 2 ? "bidirectional LSTMs are not supported"
                    : "W " + w.shapeText() + " and R " + r.shapeText() + " are not [1][4H][n] and [1][4H][H]");
        }
        int h = r.dims()[2];
        int n = w.dims()[2];
        if (r.dims()[1] != 4 * h || w.dims()[1] != 4 * h || node.integer("hidden_size", h) != h) {
            throw node.fail("W " + w.shapeText() + ", R " + r.shapeText() + " and hidden_size "
                    + node.integer("hidden_size", -1) + " disagree");
        }
        double[] bias = new double[4 * h];
        if (!node.input(3).isEmpty()) {
            ConstTensor b = weight(node, in, 3, "B");
            if (b.size() != 8 * h) {
                throw node.fail("B " + b.shapeText() + " is not [1][" + 8 * h + "]");
            }
            for (int k = 0; k < 4 * h; k++) {
                bias[k] = b.values()[k] + b.values()[4 * h + k];
            }
        }
        Flow input = checkedInput(node, x, index, layout, n);
        LstmLayer layer = new LstmLayer(n, h, GateOrder.toNowcast(w.values(), h, n),
                GateOrder.toNowcast(r.values(), h, h), GateOrder.toNowcast(bias, h, 1));
        int time = input.dims()[layout == 0 ? 0 : 1];
        int batch = input.dims()[layout == 0 ? 1 : 0];
        Flow y = layout == 0
                ? new Flow(Kind.SEQUENCE, index, new int[] {time, 1, batch, h},
                        new Role[] {Role.TIME, Role.ONE, Role.BATCH, Role.FEATURE}, null, null, null)
                : new Flow(Kind.SEQUENCE, index, new int[] {batch, time, 1, h},
                        new Role[] {Role.BATCH, Role.TIME, Role.ONE, Role.FEATURE}, null, null, null);
        int[] stateDims = layout == 0 ? new int[] {1, batch, h} : new int[] {batch, 1, h};
        Role[] stateRoles = layout == 0 ? new Role[] {Role.LAYERS, Role.BATCH, Role.FEATURE}
                : new Role[] {Role.BATCH, Role.LAYERS, Role.FEATURE};
        Flow yH = new Flow(Kind.LAST, index, stateDims, stateRoles, new int[] {index}, null, null);
        Flow yC = new Flow(Kind.CELL, index, stateDims, stateRoles, new int[] {index}, null, null);
        return new Read(layer, y, yH, yC);
    }

    private static ConstTensor weight(NodeView node, List<ConstTensor> in, int k, String name) {
        if (in.get(k) == null) {
            throw node.fail(name + " ('" + node.input(k) + "') is not a constant: weights must be initializers "
                    + "or computed from them");
        }
        return in.get(k);
    }

    /** X, checked: the previous layer's sequence (or the graph input for the first) in this layout's axis order. */
    private static Flow checkedInput(NodeView node, Flow x, int index, int layout, int n) {
        Role[] expected = layout == 0 ? new Role[] {Role.TIME, Role.BATCH, Role.FEATURE}
                : new Role[] {Role.BATCH, Role.TIME, Role.FEATURE};
        boolean fromInput = x.kind() == Kind.SEQUENCE && x.layer() == -1 && index == 0 && x.rank() == 3
                && (x.roles()[2] == Role.FEATURE || Arrays.stream(x.roles()).noneMatch(r -> r == Role.FEATURE));
        boolean fromLayer = x.kind() == Kind.SEQUENCE && x.layer() == index - 1 && index > 0
                && Arrays.equals(x.roles(), expected);
        if (!fromInput && !fromLayer) {
            throw node.fail("input X is " + x.describe() + "; expected "
                    + (index == 0 ? "the graph input, its features (the axis normalized) last" : "the output sequence of the LSTM before it"));
        }
        boolean scaled = x.scaling() != null;
        if (x.dims()[2] != n && x.dims()[2] != 1 || scaled && x.scaling().mean().length != n) {
            throw node.fail("input X has " + (scaled ? x.scaling().mean().length : x.dims()[2])
                    + " features, W expects " + n);
        }
        return x.with(new int[] {x.dims()[0], x.dims()[1], n}, expected);
    }
}
