package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import io.nowcast.trainer.onnx.proto.Onnx.OperatorSetIdProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX graphs written by test code in node patterns torch 1.13 does not produce (the head as Gemm on Y_h, or MatMul
 * then Add; the last step by Slice; LSTM layout 1), and with one thing changed for each reason import-onnx refuses
 * a file. The network is a Nowcast model's layers and head, without its normalization: input x [T][batch][I] (or
 * [batch][T][I] for layout 1), output y [batch][O].
 */
final class LstmGraphs {
    enum Head { GEMM, MATMUL_ADD }

    enum Last { Y_H, SLICE, GATHER }

    /** What to change in the graph. */
    record Variant(Head head, Last last, int layout, List<AttributeProto> extraAttributes, String[] extraInputs,
            String insertOnPath) {
        static Variant plain(Head head, Last last) {
            return new Variant(head, last, 0, List.of(), null, null);
        }
    }

    /** What a test adds to a graph: extra inputs of the first LSTM by position (4 to 7), made by the builder. */
    interface ExtraInputs {
        String[] make(GraphBuilder g, LstmLayer layer);
    }

    private LstmGraphs() {
    }

    static ModelProto build(Model m, Variant v, ExtraInputs extra) {
        GraphBuilder g = new GraphBuilder("test", "");
        int t = m.window();
        g.input("x", DataType.FLOAT, v.layout() == 0 ? new Object[] {t, "batch", m.inputCount()}
                : new Object[] {"batch", t, m.inputCount()});
        String sequence = "x";
        if (v.insertOnPath() != null) {
            sequence = g.op(v.insertOnPath(), sequence);
        }
        String last = null;
        List<LstmLayer> layers = m.layers();
        for (int l = 0; l < layers.size(); l++) {
            LstmLayer layer = layers.get(l);
            int h = layer.hiddenSize();
            int n = layer.inputSize();
            String w = g.floats("W", GateOrder.toOnnx(layer.inputWeights(), h, n), 1, 4L * h, n);
            String r = g.floats("R", GateOrder.toOnnx(layer.recurrentWeights(), h, h), 1, 4L * h, h);
            double[] bias = new double[8 * h];
            double[] b = GateOrder.toOnnx(layer.bias(), h, 1);
            for (int k = 0; k < 4 * h; k++) { // split the bias between Wb and Rb: the importer must add them
                bias[k] = b[k] / 2;
                bias[4 * h + k] = b[k] - b[k] / 2;
            }
            List<String> inputs = new ArrayList<>(List.of(sequence, w, r, g.floats("B", bias, 1, 8L * h)));
            List<AttributeProto> attributes = new ArrayList<>(List.of(Attributes.integer("hidden_size", h)));
            if (v.layout() != 0) {
                attributes.add(Attributes.integer("layout", v.layout()));
            }
            if (l == 0) {
                attributes.addAll(v.extraAttributes());
                if (extra != null) {
                    String[] more = extra.make(g, layer);
                    for (int k = 0; k < more.length; k++) {
                        inputs.add(more[k]);
                    }
                }
            }
            String[] out = g.ops("LSTM", 3, attributes, inputs.toArray(String[]::new));
            // Y [T][1][batch][H] (layout 0) or [batch][T][1][H] (layout 1)
            sequence = g.op("Squeeze", out[0], g.int64s("axis", false, v.layout() == 0 ? 1 : 2));
            int timeAxis = v.layout() == 0 ? 0 : 1;
            last = switch (v.last()) {
                case Y_H -> g.op("Squeeze", out[1], g.int64s("axis", false, v.layout() == 0 ? 0 : 1));
                case SLICE -> g.op("Squeeze", g.op("Slice", sequence, g.int64s("s", false, -1),
                        g.int64s("e", false, Long.MAX_VALUE), g.int64s("a", false, timeAxis)),
                        g.int64s("axis", false, timeAxis));
                case GATHER -> g.op("Gather", List.of(Attributes.integer("axis", timeAxis)), sequence,
                        g.int64s("i", true, t - 1));
            };
        }
        int o = m.outputCount();
        int h = m.lastHiddenSize();
        if (v.head() == Head.GEMM) {
            g.opNamed("y", "Gemm", List.of(Attributes.integer("transB", 1), Attributes.real("alpha", 0.5f)), last,
                    g.floats("Wy", twice(m.headWeights()), o, h), g.floats("by", m.headBias(), o));
        } else {
            String product = g.op("MatMul", last, g.floats("WyT", ElementwiseLstmEmitter.transpose(m.headWeights(), o, h), h, o));
            g.opNamed("y", "Add", List.of(), g.floats("by", m.headBias(), 1, o), product);
        }
        g.output("y", DataType.FLOAT, "batch", o);
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g.build())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    /** 2·a: the Gemm variant scales by alpha = ½, which the importer must fold in. */
    private static double[] twice(double[] a) {
        double[] d = a.clone();
        for (int k = 0; k < d.length; k++) {
            d[k] *= 2;
        }
        return d;
    }
}
