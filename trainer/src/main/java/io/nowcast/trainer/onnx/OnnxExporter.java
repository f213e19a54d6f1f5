package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import io.nowcast.trainer.onnx.proto.Onnx.OperatorSetIdProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto.DataType;
import java.util.List;

/**
 * A Nowcast model as an ONNX model that computes what {@code nowcast predict} computes from the same raw window:
 * input {@value #INPUT} [batch][T][I] raw values, output {@value #OUTPUT} [batch][O] raw forecasts. Inside:
 * normalization, the layers (standard {@code LSTM} nodes for tanh/logistic models, {@link ElementwiseLstmEmitter}'s
 * elementwise graph for any other activations), the dense head as {@code Gemm}, denormalization, and for an output
 * that is a change from an input, that input's last raw value added (ncm-format-v1, "Meaning").
 */
public final class OnnxExporter {
    /** The standard operator set the file uses (ONNX Runtime 1.23 runs up to 23). */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17 (ONNX Versioning.md). */
    public static final int IR_VERSION = 8;
    public static final String INPUT = "x";
    public static final String OUTPUT = "y";

    private OnnxExporter() {
    }

    /** True when every layer can be a standard ONNX LSTM node: tanh cell and logistic gates. */
    public static boolean standardActivations(Model model) {
        return model.cellActivation() == CellActivation.TANH && model.gateActivation() == GateActivation.SIGMOID;
    }

    /** The whole-window model: x [batch][T][I] from zero state, as {@code Engine.predict}. */
    public static ModelProto export(Model model) {
        return export(model, false);
    }

    /**
     * The streaming model, as {@code Engine.step}: x [batch][1][I], one row, and for every layer l the carried state
     * as inputs {@code h<l>_in}, {@code c<l>_in} and outputs {@code h<l>}, {@code c<l>} (each [batch][H_l]); y as in
     * {@link #export(Model)}. Zeros for the first step.
     */
    public static ModelProto exportStreaming(Model model) {
        return export(model, true);
    }

    private static ModelProto export(Model model, boolean streaming) {
        GraphBuilder g = new GraphBuilder("nowcast", "");
        int inputs = model.inputCount();
        int outputs = model.outputCount();
        g.input(INPUT, DataType.FLOAT, "batch", streaming ? 1 : model.window(), inputs);
        double[] mean = new double[inputs];
        double[] std = new double[inputs];
        for (int k = 0; k < inputs; k++) {
            mean[k] = model.inputs().get(k).mean();
            std[k] = model.inputs().get(k).std();
        }
        String normalized = g.op("Div", g.op("Sub", INPUT, g.floats("in_mean", mean, inputs)),
                g.floats("in_std", std, inputs));
        String sequence = g.op("Transpose", List.of(Attributes.ints("perm", 1, 0, 2)), normalized); // [T][batch][I]
        LayerEmitter emitter = standardActivations(model) ? new LstmNodeEmitter(g)
                : new ElementwiseLstmEmitter(g, model.cellActivation(), model.gateActivation(),
                        streaming ? 1 : model.window());
        String hidden = null;
        List<LstmLayer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            LayerEmitter.State start = null;
            if (streaming) {
                int h = layers.get(l).hiddenSize();
                start = new LayerEmitter.State("h" + l + "_in", "c" + l + "_in");
                g.input(start.hidden(), DataType.FLOAT, "batch", h);
                g.input(start.cell(), DataType.FLOAT, "batch", h);
            }
            LayerEmitter.Emitted e = emitter.emit(sequence, layers.get(l), l + 1 < layers.size(), start);
            sequence = e.sequence();
            hidden = e.last().hidden();
            if (streaming) {
                int h = layers.get(l).hiddenSize();
                g.opNamed("h" + l, "Identity", List.of(), e.last().hidden());
                g.opNamed("c" + l, "Identity", List.of(), e.last().cell());
            }
        }
        String head = g.op("Gemm", List.of(Attributes.integer("transB", 1)), hidden,
                g.floats("Wy", model.headWeights(), outputs, model.lastHiddenSize()),
                g.floats("by", model.headBias(), outputs));
        double[] outMean = new double[outputs];
        double[] outStd = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            outMean[o] = model.outputs().get(o).mean();
            outStd[o] = model.outputs().get(o).std();
        }
        String y = g.op("Add", g.op("Mul", head, g.floats("out_std", outStd, outputs)),
                g.floats("out_mean", outMean, outputs));
        String base = lastRawBase(g, model);
        g.opNamed(OUTPUT, base == null ? "Identity" : "Add", List.of(), base == null ? new String[] {y}
                : new String[] {y, base});
        g.output(OUTPUT, DataType.FLOAT, "batch", outputs);
        for (int l = 0; streaming && l < layers.size(); l++) { // after y, so that y is output 0 in both forms
            g.output("h" + l, DataType.FLOAT, "batch", layers.get(l).hiddenSize());
            g.output("c" + l, DataType.FLOAT, "batch", layers.get(l).hiddenSize());
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("nowcast-train")
                .setProducerVersion("0.1.0").setDocString(docString(model)).setGraph(g.build())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).build();
    }

    /**
     * For delta outputs, x_T[baseInput] per output [batch][O] (0 for absolute outputs); null when no output is a
     * delta.
     */
    private static String lastRawBase(GraphBuilder g, Model model) {
        int outputs = model.outputCount();
        long[] index = new long[outputs];
        double[] mask = new double[outputs];
        boolean any = false;
        boolean all = true;
        for (int o = 0; o < outputs; o++) {
            OutputSpec spec = model.outputs().get(o);
            index[o] = Math.max(spec.baseInput(), 0);
            mask[o] = spec.isDelta() ? 1 : 0;
            any |= spec.isDelta();
            all &= spec.isDelta();
        }
        if (!any) {
            return null;
        }
        String lastRow = g.op("Gather", List.of(Attributes.integer("axis", 1)), INPUT, g.int64s("last", true, -1));
        String base = g.op("Gather", List.of(Attributes.integer("axis", 1)), lastRow, g.int64s("base", false, index));
        return all ? base : g.op("Mul", base, g.floats("delta_mask", mask, outputs));
    }

    /** The model's description and the meaning of x's columns and y's, for whoever opens the file. */
    private static String docString(Model model) {
        StringBuilder s = new StringBuilder("Exported by nowcast-train export-onnx. ").append(model.description())
                .append("\nx [batch][").append(model.window()).append("][").append(model.inputCount())
                .append("]: raw inputs every ").append(model.intervalSeconds()).append(" s, oldest row first:");
        for (InputSpec in : model.inputs()) {
            s.append(' ').append(in.name()).append(in.unit().isEmpty() ? "" : " (" + in.unit() + ")").append(',');
        }
        s.setLength(s.length() - 1);
        s.append("\ny [batch][").append(model.outputCount()).append("]:");
        for (OutputSpec out : model.outputs()) {
            s.append(' ').append(out.name()).append(out.unit().isEmpty() ? "" : " (" + out.unit() + ")")
                    .append(" in ").append(out.horizonSeconds()).append(" s,");
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }
}
