package io.nowcast.trainer.onnx;

import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto;
import io.nowcast.trainer.onnx.proto.Onnx.GraphProto;
import io.nowcast.trainer.onnx.proto.Onnx.NodeProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorShapeProto;
import io.nowcast.trainer.onnx.proto.Onnx.TypeProto;
import io.nowcast.trainer.onnx.proto.Onnx.ValueInfoProto;
import java.util.List;

/**
 * Builds one ONNX graph node by node: every constant and every node output gets a fresh name ({@code prefix} and a
 * counter), so that callers pass names around and never invent them. Float tensors only at the graph's edges.
 */
public final class GraphBuilder {
    private final GraphProto.Builder graph;
    private final String prefix;
    private int counter;

    /** @param prefix the start of every name this builder makes (a body graph uses its own, to stay apart) */
    public GraphBuilder(String name, String prefix) {
        this.graph = GraphProto.newBuilder().setName(name);
        this.prefix = prefix;
    }

    private String fresh(String hint) {
        return prefix + hint + "_" + counter++;
    }

    /** A float32 initializer of the given shape, values row-major; returns its name. */
    public String floats(String hint, float[] values, long... dims) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTensors.floats(name, values, dims));
        return name;
    }

    /** A float32 initializer from doubles rounded to float. */
    public String floats(String hint, double[] values, long... dims) {
        float[] f = new float[values.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) values[k];
        }
        return floats(hint, f, dims);
    }

    /** A float32 scalar initializer. */
    public String scalar(String hint, float value) {
        return floats(hint, new float[] {value});
    }

    /** An int64 initializer, a vector of the values (or a scalar when {@code scalar}). */
    public String int64s(String hint, boolean scalar, long... values) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTensors.int64s(name, values, scalar ? new long[0] : new long[] {values.length}));
        return name;
    }

    /** A node of one output; returns the output's name. */
    public String op(String opType, List<AttributeProto> attributes, String... inputs) {
        return ops(opType, 1, attributes, inputs)[0];
    }

    /** A node without attributes, of one output. */
    public String op(String opType, String... inputs) {
        return op(opType, List.of(), inputs);
    }

    /** A node of {@code outputs} outputs (an empty input name is an omitted optional input). */
    public String[] ops(String opType, int outputs, List<AttributeProto> attributes, String... inputs) {
        String node = fresh(opType);
        String[] names = new String[outputs];
        NodeProto.Builder b = NodeProto.newBuilder().setName(node).setOpType(opType).addAllAttribute(attributes);
        for (String in : inputs) {
            b.addInput(in);
        }
        for (int k = 0; k < outputs; k++) {
            names[k] = node + "_out" + k;
            b.addOutput(names[k]);
        }
        graph.addNode(b);
        return names;
    }

    /** A node whose single output gets a name chosen by the caller (a graph output's). */
    public void opNamed(String output, String opType, List<AttributeProto> attributes, String... inputs) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(fresh(opType)).setOpType(opType)
                .addAllAttribute(attributes).addOutput(output);
        for (String in : inputs) {
            b.addInput(in);
        }
        graph.addNode(b);
    }

    /** Declares a graph input. */
    public void input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    /** Declares a graph output. */
    public void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** A tensor's name, element type and shape: a dimension is a Long/Integer size or a String symbol. */
    static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof String symbol) {
                shape.addDimBuilder().setDimParam(symbol);
            } else {
                shape.addDimBuilder().setDimValue(((Number) d).longValue());
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    public GraphProto build() {
        return graph.build();
    }
}
