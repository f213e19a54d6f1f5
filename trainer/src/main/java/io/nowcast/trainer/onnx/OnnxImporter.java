package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import io.nowcast.trainer.onnx.proto.Onnx.OperatorSetIdProto;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An ONNX model of stacked standard LSTM nodes and a dense head ({@link GraphReader}) as a Nowcast model: f32
 * weights, tanh cell and logistic gates (the ONNX defaults), names and scaling from {@link ImportSettings}; a
 * normalization the graph applies to its input itself joins the input means and deviations, one after the head goes
 * into the head's weights.
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /**
     * @param source the file's name, for the model's description
     * @throws OnnxImportException one line naming the node or setting that cannot be imported
     */
    public static Model toModel(ModelProto onnx, String source, ImportSettings settings) {
        for (OperatorSetIdProto opset : onnx.getOpsetImportList()) {
            boolean standard = opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx");
            if (standard && opset.getVersion() < 7) {
                throw new OnnxImportException("opset " + opset.getVersion() + " is older than 7, the first with LSTM as read here");
            }
        }
        GraphReader.Network net = GraphReader.read(onnx.getGraph());
        int inputs = net.inputCount();
        int outputs = net.outputCount();
        List<String> inNames = names(settings.inputNames(), inputs, "x", "--inputs");
        List<String> outNames = names(settings.outputNames(), outputs, "y", "--outputs");
        List<Double> inMeans = values(settings.inputMeans(), inputs, 0.0, "input means");
        List<Double> inStds = values(settings.inputStds(), inputs, 1.0, "input deviations");
        List<Double> outMeans = values(settings.outputMeans(), outputs, 0.0, "output means");
        List<Double> outStds = values(settings.outputStds(), outputs, 1.0, "output deviations");
        List<Long> horizons = values(settings.horizonSeconds(), outputs, 0L, "horizons");
        int window = settings.window() != null ? settings.window() : net.timeSteps();
        if (settings.window() == null && window < 2) {
            throw new OnnxImportException("the file does not fix the sequence length: give --window");
        }
        // The user's scaling first, then the graph's own: (((x - m) / s) - gm) / gs = (x - (m + gm·s)) / (s·gs).
        Flow.Scaling graph = net.inputScaling();
        List<InputSpec> in = list(inputs, k -> new InputSpec(inNames.get(k), "",
                (float) (inMeans.get(k) + (graph == null ? 0 : graph.mean()[k] * inStds.get(k))),
                (float) (inStds.get(k) * (graph == null ? 1 : graph.std()[k]))));
        List<OutputSpec> out = list(outputs, k -> new OutputSpec(outNames.get(k), "", horizons.get(k),
                OutputSpec.NO_BASE_INPUT, outMeans.get(k).floatValue(), outStds.get(k).floatValue()));
        String producer = onnx.getProducerName().isEmpty() ? "" : ", made by " + onnx.getProducerName() + " "
                + onnx.getProducerVersion();
        try {
            return new Model(WeightType.F32, CellActivation.TANH, GateActivation.SIGMOID, window,
                    settings.intervalSeconds(), in, out, "Imported from " + source + producer + ".", net.layers(),
                    net.headWeights(), net.headBias());
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(e.getMessage());
        }
    }

    private static <T> List<T> list(int n, IntFunction<T> item) {
        List<T> l = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            l.add(item.apply(k));
        }
        return l;
    }

    private static List<String> names(List<String> given, int n, String prefix, String option) {
        if (given == null) {
            return list(n, k -> prefix + k);
        }
        if (given.size() != n) {
            throw new OnnxImportException(option + " names " + given.size() + " values, the model has " + n);
        }
        return given;
    }

    private static <T> List<T> values(List<T> given, int n, T otherwise, String what) {
        if (given == null) {
            return list(n, k -> otherwise);
        }
        if (given.size() != n) {
            throw new OnnxImportException(given.size() + " " + what + " given, the model has " + n);
        }
        return given;
    }
}
