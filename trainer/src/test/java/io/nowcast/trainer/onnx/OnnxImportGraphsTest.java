package io.nowcast.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.trainer.onnx.LstmGraphs.Head;
import io.nowcast.trainer.onnx.LstmGraphs.Last;
import io.nowcast.trainer.onnx.LstmGraphs.Variant;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import io.nowcast.trainer.onnx.proto.Onnx.StringStringEntryProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * import-onnx on graphs built here: the patterns torch 1.13 does not write (Gemm with alpha on Y_h, MatMul then
 * Add, Slice of the last step, layout 1) give back the weights they were built from, and run as ONNX Runtime runs
 * the file; every unsupported feature is refused with one line naming the node and the feature.
 */
class OnnxImportGraphsTest {
    private static final ImportSettings DEFAULTS = new ImportSettings(null, null, null, 60, null, null, null, null, null);

    private static Model source(int seed, int... hidden) {
        return RandomModels.model(seed, new RandomModels.Shape(3, hidden, 2, 6), WeightType.F32, CellActivation.TANH,
                GateActivation.SIGMOID);
    }

    @ParameterizedTest
    @CsvSource({"GEMM, Y_H, 0, 4", "GEMM, SLICE, 0, 8 6", "MATMUL_ADD, GATHER, 0, 5 5", "MATMUL_ADD, Y_H, 0, 16 4",
            "GEMM, GATHER, 1, 4 4"})
    void importGivesBackTheWeightsAndRunsAsOrtDoes(Head head, Last last, int layout, String hidden) throws Exception {
        Model m = source(7, java.util.Arrays.stream(hidden.split(" ")).mapToInt(Integer::parseInt).toArray());
        ModelProto onnx = LstmGraphs.build(m, new Variant(head, last, layout, List.of(), null, null), null);
        Model imported = OnnxImporter.toModel(onnx, "test.onnx", DEFAULTS);
        assertEquals(m.layers().size(), imported.layers().size());
        for (int l = 0; l < m.layers().size(); l++) {
            LstmLayer a = m.layers().get(l);
            LstmLayer b = imported.layers().get(l);
            assertArrayEquals(a.inputWeights(), b.inputWeights(), 0, "W of layer " + l);
            assertArrayEquals(a.recurrentWeights(), b.recurrentWeights(), 0, "U of layer " + l);
            assertArrayEquals(a.bias(), b.bias(), 1e-7, "b of layer " + l + " (Wb + Rb)");
        }
        assertArrayEquals(m.headWeights(), imported.headWeights(), 1e-7);
        assertArrayEquals(m.headBias(), imported.headBias(), 1e-7);
        if (layout == 0) { // ONNX Runtime's LSTM refuses layout 1
            double[][] window = RandomModels.window(imported, 3);
            float[][][] x = new float[window.length][1][];
            for (int t = 0; t < window.length; t++) {
                x[t][0] = OnnxExportTest.toFloat(window)[t];
            }
            float[] ort = OrtRunner.run(onnx.toByteArray(), "x", x)[0];
            float[] nowcast = new float[imported.outputCount()];
            new FloatEngine(imported, KernelChoice.REFERENCE).predict(RandomModels.flatten(window), nowcast);
            assertArrayEquals(ort, nowcast, 1e-5f);
        }
    }

    private static String refusal(ModelProto onnx) {
        return assertThrows(OnnxImportException.class, () -> OnnxImporter.toModel(onnx, "t.onnx", DEFAULTS)).getMessage();
    }

    private static String refusal(List<io.nowcast.trainer.onnx.proto.Onnx.AttributeProto> attributes) {
        return refusal(LstmGraphs.build(source(1, 4), new Variant(Head.GEMM, Last.Y_H, 0, attributes, null, null), null));
    }

    private static void assertNamesLstm(String message, String reason) {
        assertTrue(message.matches("node 'LSTM_\\d+' \\(LSTM\\): .*"), message);
        assertTrue(message.contains(reason), message);
        assertTrue(!message.contains("\n"), "one line");
    }

    @Test
    void refusesOtherDirections() {
        assertNamesLstm(refusal(List.of(Attributes.text("direction", "bidirectional"))), "direction 'bidirectional'");
        assertNamesLstm(refusal(List.of(Attributes.text("direction", "reverse"))), "direction 'reverse'");
    }

    @Test
    void refusesOtherActivationsClipAndCoupledGates() {
        assertNamesLstm(refusal(List.of(Attributes.strings("activations", "Sigmoid", "Tanh", "Relu"))),
                "activations [Sigmoid, Tanh, Relu] are not supported");
        assertNamesLstm(refusal(List.of(Attributes.real("clip", 3f))), "clip is not supported");
        assertNamesLstm(refusal(List.of(Attributes.integer("input_forget", 1))), "input_forget");
        assertNamesLstm(refusal(List.of(Attributes.integer("frobnicate", 1))), "attribute 'frobnicate'");
    }

    @Test
    void refusesPeepholesSequenceLengthsAndStartingState() {
        Variant plain = Variant.plain(Head.GEMM, Last.Y_H);
        assertNamesLstm(refusal(LstmGraphs.build(source(1, 4), plain, (g, layer) -> new String[] {"", "", "",
                g.floats("P", new float[3 * layer.hiddenSize()], 1, 3L * layer.hiddenSize())})), "peepholes");
        assertNamesLstm(refusal(LstmGraphs.build(source(1, 4), plain, (g, layer) -> new String[] {
                g.int64s("lens", false, 6)})), "sequence_lens");
        float[] ones = new float[4];
        java.util.Arrays.fill(ones, 1f);
        assertNamesLstm(refusal(LstmGraphs.build(source(1, 4), plain, (g, layer) -> new String[] {"",
                g.floats("h0", ones, 1, 1, 4)})), "initial_h is not a constant zero");
    }

    @Test
    void refusesUnsupportedOperatorsOnTheDataPath() {
        String m = refusal(LstmGraphs.build(source(1, 4), new Variant(Head.GEMM, Last.Y_H, 0, List.of(), null, "Relu"),
                null));
        assertTrue(m.matches("node 'Relu_\\d+' \\(Relu\\): is not supported on the model's data path.*"), m);
    }

    @Test
    void refusesAHeadOnAnEarlierLayerAndTheCellState() {
        ModelProto onnx = LstmGraphs.build(source(1, 4, 4), Variant.plain(Head.GEMM, Last.Y_H), null);
        List<String> firstYh = lstmOutputs(onnx, 0);
        List<String> second = lstmOutputs(onnx, 1);
        String m = refusal(rewired(onnx, second.get(1), firstYh.get(1))); // the head on the first LSTM's Y_h
        assertTrue(m.startsWith("graph output 'y' is the dense head on LSTM layer 0 [batch, feature]; expected"), m);
        String cell = refusal(rewired(onnx, second.get(1), second.get(2))); // the head on Y_c
        assertTrue(cell.contains("(Squeeze): uses the LSTM's final cell state Y_c"), cell);
    }

    /** Outputs Y, Y_h, Y_c of the LSTM node number {@code index}. */
    private static List<String> lstmOutputs(ModelProto onnx, int index) {
        return onnx.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("LSTM")).skip(index)
                .findFirst().orElseThrow().getOutputList();
    }

    /** The graph with every node that read {@code from} reading {@code to} instead. */
    private static ModelProto rewired(ModelProto onnx, String from, String to) {
        ModelProto.Builder b = onnx.toBuilder();
        for (int k = 0; k < b.getGraph().getNodeCount(); k++) {
            var node = b.getGraphBuilder().getNodeBuilder(k);
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(from)) {
                    node.setInput(i, to);
                }
            }
        }
        return b.build();
    }

    @Test
    void refusesCustomDomainsExternalDataAndSecondInputs() {
        ModelProto onnx = LstmGraphs.build(source(1, 4), Variant.plain(Head.GEMM, Last.Y_H), null);
        ModelProto.Builder custom = onnx.toBuilder();
        custom.getGraphBuilder().getNodeBuilder(custom.getGraph().getNodeCount() - 1).setDomain("com.example");
        assertTrue(refusal(custom.build()).matches("node 'Gemm_\\d+' \\(Gemm\\): operator domain 'com.example' .*"));
        ModelProto.Builder external = onnx.toBuilder();
        external.getGraphBuilder().getInitializerBuilder(0).addExternalData(
                StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"));
        assertTrue(refusal(external.build()).contains("keeps its data in an external file"));
        ModelProto.Builder twoInputs = onnx.toBuilder();
        twoInputs.getGraphBuilder().addInput(GraphBuilder.valueInfo("z",
                io.nowcast.trainer.onnx.proto.Onnx.TensorProto.DataType.FLOAT, 1));
        assertEquals("the graph has 2 inputs [x, z]; import-onnx reads a graph with one input",
                refusal(twoInputs.build()));
    }

    @Test
    void refusesConstantSubgraphsItCannotEvaluate() {
        ModelProto onnx = LstmGraphs.build(source(1, 4), Variant.plain(Head.GEMM, Last.Y_H), null);
        ModelProto.Builder b = onnx.toBuilder();
        // Compute the head's bias with Sin from an initializer: a constant subgraph of an operator not folded.
        var gemm = b.getGraphBuilder().getNodeBuilder(b.getGraph().getNodeCount() - 1);
        String bias = gemm.getInput(2);
        b.getGraphBuilder().addNode(b.getGraph().getNodeCount() - 1, io.nowcast.trainer.onnx.proto.Onnx.NodeProto
                .newBuilder().setName("sine").setOpType("Sin").addInput(bias).addOutput("sin_bias"));
        b.getGraphBuilder().getNodeBuilder(b.getGraph().getNodeCount() - 1).setInput(2, "sin_bias");
        String m = refusal(b.build());
        assertTrue(m.startsWith("node 'sine' (Sin): cannot be evaluated at import"), m);
        // An index past the end in a folded Gather: refused naming the node, not a stack trace.
        ModelProto.Builder c = onnx.toBuilder();
        c.getGraphBuilder().addInitializer(OnnxTensors.int64s("far", new long[] {99}, 1));
        c.getGraphBuilder().addNode(c.getGraph().getNodeCount() - 1, io.nowcast.trainer.onnx.proto.Onnx.NodeProto
                .newBuilder().setName("pick").setOpType("Gather").addInput(bias).addInput("far").addOutput("picked"));
        c.getGraphBuilder().getNodeBuilder(c.getGraph().getNodeCount() - 1).setInput(2, "picked");
        String gather = refusal(c.build());
        assertTrue(gather.startsWith("node 'pick' (Gather): inputs it cannot take (ArrayIndexOutOfBoundsException"), gather);
    }

    @Test
    void refusesHugeTensorsBeforeAllocatingThem() {
        ModelProto onnx = LstmGraphs.build(source(1, 4), Variant.plain(Head.GEMM, Last.Y_H), null);
        // A shape of 10^10 values with 8 bytes of data: refused from the sizes alone.
        ModelProto.Builder claim = onnx.toBuilder();
        claim.getGraphBuilder().getInitializerBuilder(0).clearDims().addDims(100_000).addDims(100_000);
        assertTrue(refusal(claim.build()).matches("initializer: tensor '.*' has more than 2\\^31 values"));
        claim.getGraphBuilder().getInitializerBuilder(0).clearDims().addDims(3).addDims(1000);
        assertTrue(refusal(claim.build()).matches("initializer: tensor '.*' holds \\d+ values, its shape needs 3000"));
        // ConstantOfShape asked for 10^10 zeros.
        ModelProto.Builder zeros = onnx.toBuilder();
        zeros.getGraphBuilder().addInitializer(OnnxTensors.int64s("big", new long[] {100_000, 100_000}, 2));
        zeros.getGraphBuilder().addNode(0, io.nowcast.trainer.onnx.proto.Onnx.NodeProto.newBuilder().setName("fill")
                .setOpType("ConstantOfShape").addInput("big").addOutput("filled"));
        String m = refusal(zeros.build());
        assertTrue(m.startsWith("node 'fill' (ConstantOfShape): inputs it cannot take (IllegalArgumentException: "
                + "a tensor of shape [100000, 100000] is too large)"), m);
    }
}
