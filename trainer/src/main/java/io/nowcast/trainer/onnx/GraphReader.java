package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.LstmLayer;
import io.nowcast.trainer.onnx.Flow.Kind;
import io.nowcast.trainer.onnx.Flow.Role;
import io.nowcast.trainer.onnx.proto.Onnx.GraphProto;
import io.nowcast.trainer.onnx.proto.Onnx.NodeProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorShapeProto;
import io.nowcast.trainer.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX graph's LSTM network: walks the nodes in their (topological) order, evaluating every node whose inputs
 * are known constants ({@link ConstantFolder}), reading each LSTM node as a layer ({@link LstmNodeReader}) and
 * following the data from the graph's one input to its one output ({@link DataPath}). The output must be the dense
 * head on the final hidden state of the last layer.
 */
final class GraphReader {
    /**
     * What the graph holds. {@code timeSteps} is the input's declared sequence length (1 when symbolic);
     * {@code inputScaling} the normalization the graph applies to its input before the first LSTM, or null.
     */
    record Network(List<LstmLayer> layers, double[] headWeights, double[] headBias, int timeSteps,
            Flow.Scaling inputScaling) {
        int inputCount() {
            return layers.get(0).inputSize();
        }

        int outputCount() {
            return headBias.length;
        }
    }

    private final Map<String, ConstTensor> consts = new HashMap<>();
    private final Map<String, Flow> flows = new HashMap<>();
    private final List<LstmLayer> layers = new ArrayList<>();
    private int timeSteps = 1;
    private Flow.Scaling inputScaling;

    private GraphReader() {
    }

    static Network read(GraphProto graph) {
        return new GraphReader().walk(graph);
    }

    private Network walk(GraphProto graph) {
        for (TensorProto t : graph.getInitializerList()) {
            consts.put(t.getName(), OnnxTensors.decode(t, "initializer"));
        }
        List<ValueInfoProto> data = graph.getInputList().stream().filter(v -> !consts.containsKey(v.getName())).toList();
        if (data.size() != 1) {
            throw new OnnxImportException("the graph has " + data.size() + " inputs "
                    + data.stream().map(ValueInfoProto::getName).toList() + "; import-onnx reads a graph with one input");
        }
        flows.put(data.get(0).getName(), inputFlow(data.get(0)));
        for (int k = 0; k < graph.getNodeCount(); k++) {
            step(new NodeView(graph.getNode(k), k));
        }
        if (graph.getOutputCount() != 1) {
            throw new OnnxImportException("the graph has " + graph.getOutputCount()
                    + " outputs; import-onnx reads a graph with one output");
        }
        String name = graph.getOutput(0).getName();
        Flow out = flows.get(name);
        boolean head = out != null && out.kind() == Kind.HEAD && out.layer() == layers.size() - 1
                && Arrays.stream(out.roles()).allMatch(r -> r == Role.BATCH || r == Role.FEATURE || r == Role.ONE);
        if (!head) {
            throw new OnnxImportException("graph output '" + name + "' is "
                    + (out == null ? "not computed from the input" : out.describe())
                    + "; expected a dense head (MatMul/Gemm) on the final hidden state of the last LSTM layer");
        }
        return new Network(List.copyOf(layers), out.weight(), out.bias(), timeSteps, inputScaling);
    }

    private static Flow inputFlow(ValueInfoProto input) {
        if (!input.hasType() || !input.getType().hasTensorType()
                || input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxImportException("graph input '" + input.getName() + "' is not a float tensor");
        }
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (shape.getDimCount() != 3) {
            throw new OnnxImportException("graph input '" + input.getName() + "' has " + shape.getDimCount()
                    + " dimensions; expected 3 (time, batch and features in some order)");
        }
        int[] dims = new int[3];
        for (int k = 0; k < 3; k++) {
            TensorShapeProto.Dimension d = shape.getDim(k);
            dims[k] = d.hasDimValue() ? (int) d.getDimValue() : 1;
        }
        return new Flow(Kind.SEQUENCE, -1, dims, new Role[] {Role.INPUT_AXIS, Role.INPUT_AXIS, Role.INPUT_AXIS},
                null, null, null);
    }

    private void step(NodeView node) {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw node.fail("operator domain '" + node.domain() + "' is not supported, only the standard one");
        }
        List<Flow> inFlows = new ArrayList<>();
        List<ConstTensor> inConsts = new ArrayList<>();
        boolean anyFlow = false;
        for (String name : node.inputs()) {
            Flow f = name.isEmpty() ? null : flows.get(name);
            ConstTensor c = name.isEmpty() ? null : consts.get(name);
            if (!name.isEmpty() && f == null && c == null) {
                throw node.fail("input '" + name + "' is not an initializer, the graph input or an earlier node's output");
            }
            inFlows.add(f);
            inConsts.add(c);
            anyFlow |= f != null;
        }
        try {
            if (node.op().equals("LSTM")) {
                readLstm(node, inFlows, inConsts);
            } else if (node.op().equals("Shape") && inFlows.get(0) != null) {
                consts.put(node.outputs().get(0), ConstantFolder.shape(node, inFlows.get(0).dims()));
            } else if (anyFlow) {
                requireOneOutput(node);
                flows.put(node.outputs().get(0), DataPath.apply(node, inFlows, inConsts));
            } else {
                requireOneOutput(node);
                consts.put(node.outputs().get(0), ConstantFolder.evaluate(node, inConsts));
            }
        } catch (OnnxImportException e) {
            throw e;
        } catch (RuntimeException e) { // inputs of shapes or values the operator does not accept
            throw node.fail("inputs it cannot take (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static void requireOneOutput(NodeView node) {
        if (node.outputs().size() != 1) {
            throw node.fail("has " + node.outputs().size() + " outputs; this importer reads such a node with one");
        }
    }

    private void readLstm(NodeView node, List<Flow> inFlows, List<ConstTensor> inConsts) {
        Flow x = inFlows.get(0);
        if (x == null) {
            throw node.fail("input X is not on the model's data path");
        }
        while (inConsts.size() < 8) {
            inConsts.add(null);
        }
        if (layers.isEmpty()) {
            timeSteps = x.dims()[(int) node.integer("layout", 0) == 0 ? 0 : 1];
            inputScaling = x.scaling();
        }
        LstmNodeReader.Read read = LstmNodeReader.read(node, x, layers.size(), inConsts);
        layers.add(read.layer());
        Flow[] outputs = {read.y(), read.yH(), read.yC()};
        for (int k = 0; k < node.outputs().size() && k < 3; k++) {
            if (!node.outputs().get(k).isEmpty()) {
                flows.put(node.outputs().get(k), outputs[k]);
            }
        }
    }
}
