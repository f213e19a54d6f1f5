package io.nowcast.trainer.onnx;

import io.nowcast.trainer.onnx.Flow.Kind;
import io.nowcast.trainer.onnx.Flow.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The operators an imported graph may apply to values on its data path ({@link Flow}s), each as what it means:
 * reshaping axes (Identity, Cast to float, Transpose, Squeeze, Unsqueeze), taking the last step (Slice or Gather
 * on the time axis) or one layer's final state (Slice or Gather on Y_h's axis, Concat of Y_h's), the dense head
 * (MatMul, Gemm, then Add, Sub, Mul or Div by constants), and a normalization of the input (Sub, Div, Add or Mul by
 * constants per feature). Anything else on the data path is refused with the node's name.
 */
final class DataPath {
    private DataPath() {
    }

    /**
     * @param flows  the node's inputs that are data-path values (null where an input is constant or absent)
     * @param consts the node's constant inputs (null where not constant)
     */
    static Flow apply(NodeView node, List<Flow> flows, List<ConstTensor> consts) {
        Flow x = flows.get(0);
        boolean elementwise = List.of("Add", "Sub", "Mul", "Div").contains(node.op());
        if (x == null && !elementwise) {
            throw node.fail("reads the model's data in input " + flows.indexOf(firstFlow(flows))
                    + ", which this importer supports only as the first input");
        }
        if (x != null && x.kind() == Kind.CELL) {
            throw node.fail("uses the LSTM's final cell state Y_c, which a Nowcast model does not output");
        }
        return switch (node.op()) {
            case "Identity" -> x;
            case "Cast" -> cast(node, x);
            case "Transpose" -> transpose(node, x);
            case "Squeeze" -> squeeze(node, x, axes(node, consts));
            case "Unsqueeze" -> unsqueeze(node, x, axes(node, consts));
            case "Slice" -> slice(node, x, ConstantFolder.SliceSpec.of(node, consts));
            case "Gather" -> gather(node, x, consts.get(1));
            case "Concat" -> concat(node, flows);
            case "MatMul" -> head(node, x, transposed(consts.get(1), node, "B"), null);
            case "Gemm" -> gemm(node, x, consts);
            case "Add", "Sub", "Mul", "Div" -> scale(node, flows, consts);
            default -> throw node.fail("is not supported on the model's data path (input "
                    + x.describe() + ")");
        };
    }

    private static Flow firstFlow(List<Flow> flows) {
        return flows.stream().filter(f -> f != null).findFirst().orElse(null);
    }

    private static Flow cast(NodeView node, Flow x) {
        if (node.integer("to", 1) != 1) {
            throw node.fail("casts the model's data to element type " + node.integer("to", 0) + ", not float");
        }
        return x;
    }

    private static Flow transpose(NodeView node, Flow x) {
        long[] perm = node.ints("perm");
        int[] dims = new int[x.rank()];
        Role[] roles = new Role[x.rank()];
        for (int k = 0; k < x.rank(); k++) {
            int from = perm == null ? x.rank() - 1 - k : (int) perm[k];
            dims[k] = x.dims()[from];
            roles[k] = x.roles()[from];
        }
        return x.with(dims, roles);
    }

    private static long[] axes(NodeView node, List<ConstTensor> consts) {
        long[] attr = node.ints("axes");
        if (attr != null) {
            return attr;
        }
        if (consts.size() > 1 && consts.get(1) != null) {
            return consts.get(1).longs();
        }
        if (!node.input(1).isEmpty()) {
            throw node.fail("axes ('" + node.input(1) + "') are not a constant");
        }
        return null;
    }

    private static Flow squeeze(NodeView node, Flow x, long[] axes) {
        boolean[] removed = new boolean[x.rank()];
        for (int k = 0; k < x.rank(); k++) {
            removed[k] = axes == null && (x.roles()[k] == Role.ONE || x.roles()[k] == Role.LAYERS) && x.dims()[k] == 1;
        }
        if (axes != null) {
            for (long a : axes) {
                int k = (int) ConstantFolder.normalize(a, x.rank(), false);
                boolean single = x.roles()[k] == Role.ONE || x.roles()[k] == Role.LAYERS && x.layers().length == 1;
                if (!single) {
                    throw node.fail("squeezes the " + x.roles()[k].name().toLowerCase(Locale.ROOT)
                            + " axis " + a + " of " + x.describe());
                }
                removed[k] = true;
            }
        }
        Flow out = x;
        for (int k = x.rank() - 1; k >= 0; k--) {
            if (removed[k]) {
                out = out.without(k);
            }
        }
        return out;
    }

    private static Flow unsqueeze(NodeView node, Flow x, long[] axes) {
        if (axes == null) {
            throw node.fail("has no axes");
        }
        int rank = x.rank() + axes.length;
        long[] sorted = Arrays.stream(axes).map(a -> ConstantFolder.normalize(a, rank, false)).sorted().toArray();
        Flow out = x;
        for (long a : sorted) {
            out = out.inserting((int) a, Role.ONE);
        }
        return out;
    }

    /** Slice on one axis: the last step of a sequence, or some layers of concatenated final states. */
    private static Flow slice(NodeView node, Flow x, ConstantFolder.SliceSpec spec) {
        int sliced = -1;
        long start = 0;
        long end = 0;
        for (int k = 0; k < spec.axes().length; k++) {
            int a = (int) ConstantFolder.normalize(spec.axes()[k], x.rank(), false);
            long n = x.dims()[a];
            long s = ConstantFolder.normalize(spec.starts()[k], n, true);
            long e = ConstantFolder.normalize(Math.max(Math.min(spec.ends()[k], n), -n - 1), n, true);
            boolean last = x.roles()[a] == Role.TIME && lastStep(spec.starts()[k], (int) n) && spec.ends()[k] >= n;
            if (s == 0 && e == n && !last) {
                continue; // the whole axis
            }
            if (sliced >= 0) {
                throw node.fail("slices more than one axis of " + x.describe());
            }
            sliced = a;
            start = spec.starts()[k];
            end = spec.ends()[k];
        }
        if (sliced < 0) {
            return x;
        }
        requireNotInput(node, x);
        Role role = x.roles()[sliced];
        if (role == Role.TIME && x.kind() == Kind.SEQUENCE && lastStep(start, x.dims()[sliced])
                && end >= x.dims()[sliced]) {
            Flow last = new Flow(Kind.LAST, x.layer(), x.dims(), x.roles(), new int[] {x.layer()}, null, null);
            int[] dims = x.dims().clone();
            Role[] roles = x.roles().clone();
            dims[sliced] = 1;
            roles[sliced] = Role.ONE;
            return last.with(dims, roles);
        }
        if (role == Role.LAYERS) {
            int n = x.layers().length;
            int s = (int) ConstantFolder.normalize(start, n, true);
            int e = (int) ConstantFolder.normalize(Math.max(Math.min(end, n), -n - 1L), n, true);
            int[] picked = Arrays.copyOfRange(x.layers(), s, Math.max(s, e));
            int[] dims = x.dims().clone();
            dims[sliced] = picked.length;
            return new Flow(Kind.LAST, picked.length == 1 ? picked[0] : x.layer(), dims, x.roles(), picked, null, null);
        }
        throw node.fail("slices " + x.describe() + " on its " + role.name().toLowerCase(Locale.ROOT)
                + " axis from " + start + " to " + end + "; only the last time step (start -1) is supported");
    }

    /** Whether a start index picks the last of {@code steps} steps: -1, or steps - 1 for a fixed length. */
    private static boolean lastStep(long start, int steps) {
        return start == -1 || steps > 1 && start == steps - 1;
    }

    /** Refuses picking values out of the graph input: an imported model reads its input only through the LSTMs. */
    private static void requireNotInput(NodeView node, Flow x) {
        if (x.layer() == -1) {
            throw node.fail("picks values out of the graph input; an imported model reads its input only through its "
                    + "LSTMs (an output that adds the last raw value of an input is not supported)");
        }
    }

    /** Gather on the time axis (the last step) or on concatenated final states (one layer). */
    private static Flow gather(NodeView node, Flow x, ConstTensor indices) {
        requireNotInput(node, x);
        if (indices == null || indices.size() != 1) {
            throw node.fail("gathers from " + x.describe() + " with indices that are not one constant");
        }
        int axis = (int) ConstantFolder.normalize(node.integer("axis", 0), x.rank(), false);
        long index = indices.longs()[0];
        Role role = x.roles()[axis];
        Flow picked;
        if (role == Role.TIME && x.kind() == Kind.SEQUENCE && lastStep(index, x.dims()[axis])) {
            picked = new Flow(Kind.LAST, x.layer(), x.dims(), x.roles(), new int[] {x.layer()}, null, null);
        } else if (role == Role.LAYERS) {
            int layer = x.layers()[(int) ConstantFolder.normalize(index, x.layers().length, false)];
            picked = new Flow(Kind.LAST, layer, x.dims(), x.roles(), new int[] {layer}, null, null);
        } else {
            throw node.fail("gathers index " + index + " on the " + role.name().toLowerCase(Locale.ROOT)
                    + " axis of " + x.describe() + "; only the last time step (-1) or one layer's final state is supported");
        }
        if (indices.rank() == 0) {
            return picked.without(axis);
        }
        int[] dims = picked.dims().clone();
        Role[] roles = picked.roles().clone();
        dims[axis] = 1;
        roles[axis] = role == Role.TIME ? Role.ONE : Role.LAYERS;
        return picked.with(dims, roles);
    }

    /** Concat of LSTM final states along their layer axis (how torch returns h_n of a stacked LSTM). */
    private static Flow concat(NodeView node, List<Flow> flows) {
        Flow first = flows.get(0);
        int axis = (int) ConstantFolder.normalize(node.integer("axis", 0), first.rank(), false);
        if (first.roles()[axis] != Role.LAYERS) {
            throw node.fail("joins " + first.describe() + " along an axis that is not the layers of final states");
        }
        int[] layers = new int[0];
        for (Flow f : flows) {
            if (f == null || f.kind() != Kind.LAST || !Arrays.equals(f.roles(), first.roles())) {
                throw node.fail("joins values that are not all final states of LSTMs");
            }
            int[] joined = Arrays.copyOf(layers, layers.length + f.layers().length);
            System.arraycopy(f.layers(), 0, joined, layers.length, f.layers().length);
            layers = joined;
        }
        int[] dims = first.dims().clone();
        dims[axis] = layers.length;
        return new Flow(Kind.LAST, first.layer(), dims, first.roles(), layers, null, null);
    }

    /** B [H][O] of a MatMul as A [O][H]. */
    private static ConstTensor transposed(ConstTensor b, NodeView node, String name) {
        if (b == null || b.rank() != 2) {
            throw node.fail(name + " is not a constant matrix");
        }
        return ConstantFolder.transpose(b, null);
    }

    /** Gemm(h, B, C): alpha · h · B(ᵀ) + beta · C; transA must be 0. */
    private static Flow gemm(NodeView node, Flow x, List<ConstTensor> consts) {
        if (node.integer("transA", 0) != 0) {
            throw node.fail("transA = 1 is not supported");
        }
        ConstTensor b = consts.get(1);
        if (b == null || b.rank() != 2) {
            throw node.fail("B is not a constant matrix");
        }
        ConstTensor a = node.integer("transB", 0) != 0 ? b : ConstantFolder.transpose(b, null);
        double alpha = node.real("alpha", 1f);
        double beta = node.real("beta", 1f);
        double[] scaled = a.values().clone();
        for (int k = 0; k < scaled.length; k++) {
            scaled[k] *= alpha;
        }
        ConstTensor c = consts.size() > 2 ? consts.get(2) : null;
        if (c == null && !node.input(2).isEmpty()) {
            throw node.fail("C is not a constant");
        }
        double[] bias = c == null ? null : broadcastBias(node, c, a.dims()[0], beta);
        return head(node, x, new ConstTensor(a.dims(), scaled, false), bias);
    }

    /** The dense head: A [O][H] · h (+ bias) on the final hidden state of one layer. */
    private static Flow head(NodeView node, Flow x, ConstTensor a, double[] bias) {
        int feature = x.rank() - 1;
        boolean oneLayer = x.kind() == Kind.LAST && x.layers().length == 1 && x.roles()[feature] == Role.FEATURE
                && Arrays.stream(x.roles()).noneMatch(r -> r == Role.TIME || r == Role.INPUT_AXIS);
        if (!oneLayer || x.layer() < 0) {
            throw node.fail("the head must read the final hidden state of one LSTM layer, found " + x.describe());
        }
        int outputs = a.dims()[0];
        if (a.dims()[1] != x.dims()[feature]) {
            throw node.fail("weights " + a.shapeText() + " do not fit " + x.dims()[feature] + " hidden units");
        }
        int[] dims = x.dims().clone();
        dims[feature] = outputs;
        return new Flow(Kind.HEAD, x.layers()[0], dims, x.roles(), null, a.values(),
                bias == null ? new double[outputs] : bias);
    }

    /**
     * Add, Sub, Mul or Div of a value on the data path and a constant: a normalization of the graph's input (folded
     * into the model's input mean and std), or a scaling or bias after the dense head (folded into its weights).
     */
    private static Flow scale(NodeView node, List<Flow> flows, List<ConstTensor> consts) {
        int at = flows.get(0) != null ? 0 : 1;
        Flow x = flows.get(at);
        ConstTensor c = consts.get(1 - at);
        String op = node.op();
        boolean inverse = op.equals("Sub") || op.equals("Div");
        if (x == null || c == null || at == 1 && inverse) {
            throw node.fail("computes with " + (x == null ? "nothing on the data path" : x.describe())
                    + (c == null ? " and another value on it" : " as its second operand")
                    + "; only a constant added, subtracted, multiplied or divided is supported");
        }
        if (x.kind() == Kind.HEAD) {
            return scaledHead(node, x, broadcastBias(node, c, x.bias().length, 1));
        }
        int last = x.rank() - 1;
        boolean input = x.kind() == Kind.SEQUENCE && x.layer() == -1
                && (x.roles()[last] == Role.INPUT_AXIS || x.roles()[last] == Role.FEATURE);
        if (!input || c.size() != 1 && c.dims()[c.rank() - 1] != c.size()) {
            throw node.fail("computes with " + x.describe() + "; only the graph input, scaled per feature along its "
                    + "last axis, or the dense head's output may be");
        }
        double[] v = broadcastBias(node, c, x.dims()[last], 1);
        int features = v.length;
        Flow.Scaling old = x.scaling() != null ? x.scaling() : new Flow.Scaling(new double[features], ones(features));
        double[] mean = old.mean().clone();
        double[] std = old.std().clone();
        for (int k = 0; k < features; k++) { // value = (raw - mean) / std, then this operator
            switch (op) {
                case "Sub" -> mean[k] += v[k] * std[k];
                case "Add" -> mean[k] -= v[k] * std[k];
                case "Div" -> std[k] *= v[k];
                default -> std[k] /= v[k];
            }
            if (!(std[k] > 0) || !Double.isFinite(std[k]) || !Double.isFinite(mean[k])) {
                throw node.fail("scales input feature " + k + " to std " + std[k] + ", mean " + mean[k]
                        + "; a Nowcast model needs a finite std > 0");
            }
        }
        Role[] roles = x.roles().clone();
        roles[last] = Role.FEATURE;
        return new Flow(x.kind(), x.layer(), x.dims(), roles, x.layers(), null, null, new Flow.Scaling(mean, std));
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** The head after this operator with the constant v [O]: y = A·h + bias becomes (A·h + bias) op v. */
    private static Flow scaledHead(NodeView node, Flow x, double[] v) {
        double[] weight = x.weight().clone();
        double[] bias = x.bias().clone();
        int hidden = weight.length / bias.length;
        for (int o = 0; o < bias.length; o++) {
            double factor = switch (node.op()) {
                case "Mul" -> v[o];
                case "Div" -> 1 / v[o];
                default -> 1;
            };
            bias[o] = switch (node.op()) {
                case "Add" -> bias[o] + v[o];
                case "Sub" -> bias[o] - v[o];
                default -> bias[o] * factor;
            };
            for (int j = 0; j < hidden; j++) {
                weight[o * hidden + j] *= factor;
            }
        }
        return new Flow(Kind.HEAD, x.layer(), x.dims(), x.roles(), null, weight, bias);
    }

    /** scale · c as a [O] vector: c holds O values or one. */
    private static double[] broadcastBias(NodeView node, ConstTensor c, int outputs, double scale) {
        if (c.size() != outputs && c.size() != 1) {
            throw node.fail("bias " + c.shapeText() + " does not fit " + outputs + " outputs");
        }
        double[] v = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            v[k] = scale * c.values()[c.size() == 1 ? 0 : k];
        }
        return v;
    }
}
