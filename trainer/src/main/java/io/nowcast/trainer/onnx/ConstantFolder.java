package io.nowcast.trainer.onnx;

import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates, at import, a node whose inputs are all known: the constant subgraphs exporters wrap around weights
 * (older PyTorch reorders gate blocks with Slice/Concat/Unsqueeze) and zero initial states (Shape, Gather,
 * Unsqueeze, Concat, Expand or ConstantOfShape). Semantics from ONNX Operators.md, for the operator versions 1 to 21
 * of each; attributes that became inputs (Slice's starts/ends/axes at opset 10, Squeeze's and Unsqueeze's axes at
 * 13) are read from either place.
 */
final class ConstantFolder {
    private ConstantFolder() {
    }

    /**
     * @param in the node's inputs, null for an omitted optional input
     * @throws OnnxImportException naming the node when the operator or one of its settings is not supported
     */
    static ConstTensor evaluate(NodeView node, List<ConstTensor> in) {
        return switch (node.op()) {
            case "Constant" -> constant(node);
            case "Identity" -> in.get(0);
            case "Cast" -> cast(node, in.get(0));
            case "Shape" -> shape(node, in.get(0).dims());
            case "Gather" -> gather(in.get(0), in.get(1), axis(node, in.get(0).rank()));
            case "Unsqueeze" -> unsqueeze(node, in.get(0), axesOf(node, in));
            case "Squeeze" -> squeeze(node, in.get(0), axesOf(node, in));
            case "Concat" -> concat(node, in);
            case "Slice" -> slice(node, in);
            case "ConstantOfShape" -> constantOfShape(node, in.get(0));
            case "Expand" -> expand(node, in.get(0), in.get(1).longs());
            case "Transpose" -> transpose(in.get(0), node.ints("perm"));
            case "Reshape" -> reshape(node, in.get(0), in.get(1).longs());
            default -> throw node.fail("cannot be evaluated at import (its inputs are constant, but only Constant, "
                    + "Identity, Cast, Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, ConstantOfShape, Expand, "
                    + "Transpose and Reshape are)");
        };
    }

    /** The shape of a tensor as an int64 vector (Shape's start/end attributes of opset 15 honoured). */
    static ConstTensor shape(NodeView node, int[] dims) {
        int start = (int) normalize(node.integer("start", 0), dims.length, true);
        int end = (int) normalize(node.integer("end", dims.length), dims.length, true);
        long[] v = new long[Math.max(0, end - start)];
        for (int k = 0; k < v.length; k++) {
            v[k] = dims[start + k];
        }
        return ConstTensor.ints(v);
    }

    private static ConstTensor constant(NodeView node) {
        AttributeProto value = node.attribute("value");
        if (value != null) {
            return OnnxTensors.decode(value.getT(), node.where());
        }
        if (node.has("value_float")) {
            return new ConstTensor(new int[0], new double[] {node.real("value_float", 0)}, false);
        }
        if (node.has("value_int")) {
            return new ConstTensor(new int[0], new double[] {node.integer("value_int", 0)}, true);
        }
        if (node.has("value_ints")) {
            return ConstTensor.ints(node.ints("value_ints"));
        }
        AttributeProto floats = node.attribute("value_floats");
        if (floats != null) {
            double[] v = floats.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
            return new ConstTensor(new int[] {v.length}, v, false);
        }
        throw node.fail("has no value attribute this importer reads (value, value_float(s), value_int(s))");
    }

    private static ConstTensor cast(NodeView node, ConstTensor x) {
        int to = (int) node.integer("to", 0);
        boolean real = to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE;
        double[] v = x.values().clone();
        if (!real) {
            for (int k = 0; k < v.length; k++) {
                v[k] = to == TensorProto.DataType.BOOL_VALUE ? (v[k] != 0 ? 1 : 0) : (long) v[k];
            }
        } else if (to == TensorProto.DataType.FLOAT_VALUE) {
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) v[k];
            }
        }
        return new ConstTensor(x.dims(), v, !real);
    }

    private static int axis(NodeView node, int rank) {
        return (int) normalize(node.integer("axis", 0), rank, false);
    }

    /** A possibly negative axis or index in [-n, n) as a position in [0, n); clamped to [0, n] when {@code clamp}. */
    static long normalize(long value, long n, boolean clamp) {
        long v = value < 0 ? value + n : value;
        return clamp ? Math.max(0, Math.min(n, v)) : v;
    }

    static ConstTensor gather(ConstTensor data, ConstTensor indices, int axis) {
        int[] d = data.dims();
        int outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= d[k];
        }
        int inner = 1;
        for (int k = axis + 1; k < d.length; k++) {
            inner *= d[k];
        }
        long[] idx = indices.longs();
        int[] dims = new int[d.length - 1 + indices.rank()];
        System.arraycopy(d, 0, dims, 0, axis);
        System.arraycopy(indices.dims(), 0, dims, axis, indices.rank());
        System.arraycopy(d, axis + 1, dims, axis + indices.rank(), d.length - axis - 1);
        double[] v = new double[ConstTensor.size(dims)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (long i : idx) {
                int row = (int) normalize(i, d[axis], false);
                System.arraycopy(data.values(), (o * d[axis] + row) * inner, v, p, inner);
                p += inner;
            }
        }
        return new ConstTensor(dims, v, data.integer());
    }

    /** Axes from the attribute (opsets before 13) or the second input (13 on); null when neither is given. */
    private static long[] axesOf(NodeView node, List<ConstTensor> in) {
        long[] attr = node.ints("axes");
        return attr != null ? attr : in.size() > 1 && in.get(1) != null ? in.get(1).longs() : null;
    }

    private static ConstTensor unsqueeze(NodeView node, ConstTensor x, long[] axes) {
        if (axes == null) {
            throw node.fail("has no axes");
        }
        int rank = x.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[(int) normalize(a, rank, false)] = true;
        }
        int[] dims = new int[rank];
        for (int k = 0, src = 0; k < rank; k++) {
            dims[k] = inserted[k] ? 1 : x.dims()[src++];
        }
        return x.reshaped(dims);
    }

    private static ConstTensor squeeze(NodeView node, ConstTensor x, long[] axes) {
        boolean[] removed = new boolean[x.rank()];
        if (axes == null) {
            for (int k = 0; k < removed.length; k++) {
                removed[k] = x.dims()[k] == 1;
            }
        } else {
            for (long a : axes) {
                int k = (int) normalize(a, x.rank(), false);
                if (x.dims()[k] != 1) {
                    throw node.fail("squeezes axis " + a + " of size " + x.dims()[k]);
                }
                removed[k] = true;
            }
        }
        return x.reshaped(Arrays.stream(range(x.rank())).filter(k -> !removed[k]).map(k -> x.dims()[k]).toArray());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, k -> k);
        return r;
    }

    private static ConstTensor concat(NodeView node, List<ConstTensor> in) {
        ConstTensor first = in.get(0);
        int axis = axis(node, first.rank());
        int outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= first.dims()[k];
        }
        int[] dims = first.dims().clone();
        dims[axis] = 0;
        int total = 0;
        for (ConstTensor t : in) {
            if (t.rank() != first.rank()) {
                throw node.fail("joins tensors of shapes " + first.shapeText() + " and " + t.shapeText());
            }
            dims[axis] += t.dims()[axis];
            total += t.size();
        }
        double[] v = new double[total];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (ConstTensor t : in) {
                int chunk = t.size() / outer;
                System.arraycopy(t.values(), o * chunk, v, p, chunk);
                p += chunk;
            }
        }
        return new ConstTensor(dims, v, first.integer());
    }

    /** Slice's starts, ends, axes and steps, from attributes (before opset 10) or inputs 1 to 4. */
    record SliceSpec(long[] starts, long[] ends, long[] axes, long[] steps) {
        static SliceSpec of(NodeView node, List<ConstTensor> in) {
            long[] starts = node.ints("starts");
            long[] ends = node.ints("ends");
            long[] axes = node.ints("axes");
            long[] steps = null;
            if (starts == null) {
                starts = in.get(1).longs();
                ends = in.get(2).longs();
                axes = in.size() > 3 && in.get(3) != null ? in.get(3).longs() : null;
                steps = in.size() > 4 && in.get(4) != null ? in.get(4).longs() : null;
            }
            if (axes == null) {
                axes = new long[starts.length];
                Arrays.setAll(axes, k -> k);
            }
            if (steps == null) {
                steps = new long[starts.length];
                Arrays.fill(steps, 1);
            }
            for (long s : steps) {
                if (s != 1) {
                    throw node.fail("steps other than 1 are not supported (found " + s + ")");
                }
            }
            return new SliceSpec(starts, ends, axes, steps);
        }
    }

    private static ConstTensor slice(NodeView node, List<ConstTensor> in) {
        ConstTensor x = in.get(0);
        SliceSpec spec = SliceSpec.of(node, in);
        int[] from = new int[x.rank()];
        int[] dims = x.dims().clone();
        for (int k = 0; k < spec.axes().length; k++) {
            int a = (int) normalize(spec.axes()[k], x.rank(), false);
            int n = x.dims()[a];
            int s = (int) normalize(spec.starts()[k], n, true);
            int e = (int) normalize(Math.max(Math.min(spec.ends()[k], n), -n - 1L), n, true);
            from[a] = s;
            dims[a] = Math.max(0, e - s);
        }
        return window(x, from, dims);
    }

    /** The block of {@code x} starting at {@code from} with shape {@code dims}. */
    private static ConstTensor window(ConstTensor x, int[] from, int[] dims) {
        int[] strides = x.strides();
        int size = ConstTensor.size(dims);
        double[] v = new double[size];
        int[] index = new int[dims.length];
        for (int p = 0; p < size; p++) {
            int offset = 0;
            for (int k = 0; k < dims.length; k++) {
                offset += (from[k] + index[k]) * strides[k];
            }
            v[p] = x.values()[offset];
            increment(index, dims);
        }
        return new ConstTensor(dims, v, x.integer());
    }

    /** The next multi-index in row-major order. */
    private static void increment(int[] index, int[] dims) {
        for (int k = dims.length - 1; k >= 0; k--) {
            if (++index[k] < dims[k]) {
                return;
            }
            index[k] = 0;
        }
    }

    private static ConstTensor constantOfShape(NodeView node, ConstTensor shape) {
        AttributeProto value = node.attribute("value");
        ConstTensor fill = value == null ? new ConstTensor(new int[] {1}, new double[] {0}, false)
                : OnnxTensors.decode(value.getT(), node.where());
        int[] dims = Arrays.stream(shape.longs()).mapToInt(l -> (int) l).toArray();
        double[] v = new double[ConstTensor.size(dims)];
        Arrays.fill(v, fill.values()[0]);
        return new ConstTensor(dims, v, fill.integer());
    }

    /** Numpy-style broadcast of x to the shape (Expand's rule: the result has the larger of each dimension). */
    private static ConstTensor expand(NodeView node, ConstTensor x, long[] shape) {
        int rank = Math.max(x.rank(), shape.length);
        int[] dims = new int[rank];
        int[] xd = new int[rank];
        for (int k = 0; k < rank; k++) {
            int xi = k - (rank - x.rank());
            int si = k - (rank - shape.length);
            xd[k] = xi >= 0 ? x.dims()[xi] : 1;
            int s = si >= 0 ? (int) shape[si] : 1;
            if (xd[k] != s && xd[k] != 1 && s != 1) {
                throw node.fail("cannot broadcast " + x.shapeText() + " to " + Arrays.toString(shape));
            }
            dims[k] = Math.max(xd[k], s);
        }
        ConstTensor source = x.reshaped(xd);
        int[] strides = source.strides();
        int size = ConstTensor.size(dims);
        double[] v = new double[size];
        int[] index = new int[rank];
        for (int p = 0; p < size; p++) {
            int offset = 0;
            for (int k = 0; k < rank; k++) {
                offset += (xd[k] == 1 ? 0 : index[k]) * strides[k];
            }
            v[p] = source.values()[offset];
            increment(index, dims);
        }
        return new ConstTensor(dims, v, x.integer());
    }

    static ConstTensor transpose(ConstTensor x, long[] perm) {
        int rank = x.rank();
        int[] p = new int[rank];
        for (int k = 0; k < rank; k++) {
            p[k] = perm == null ? rank - 1 - k : (int) perm[k];
        }
        int[] dims = new int[rank];
        for (int k = 0; k < rank; k++) {
            dims[k] = x.dims()[p[k]];
        }
        int[] strides = x.strides();
        double[] v = new double[x.size()];
        int[] index = new int[rank];
        for (int q = 0; q < v.length; q++) {
            int offset = 0;
            for (int k = 0; k < rank; k++) {
                offset += index[k] * strides[p[k]];
            }
            v[q] = x.values()[offset];
            increment(index, dims);
        }
        return new ConstTensor(dims, v, x.integer());
    }

    private static ConstTensor reshape(NodeView node, ConstTensor x, long[] shape) {
        int[] dims = new int[shape.length];
        int known = 1;
        int free = -1;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] == -1) {
                free = k;
                continue;
            }
            dims[k] = shape[k] == 0 ? x.dims()[k] : (int) shape[k];
            known *= dims[k];
        }
        if (free >= 0) {
            dims[free] = known == 0 ? 0 : x.size() / known;
        }
        if (Arrays.stream(dims).reduce(1, (a, b) -> a * b) != x.size()) {
            throw node.fail("cannot reshape " + x.shapeText() + " to " + Arrays.toString(shape));
        }
        return x.reshaped(dims);
    }
}
