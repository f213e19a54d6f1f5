package io.nowcast.trainer.cli;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.trainer.onnx.OnnxExporter;
import io.nowcast.trainer.onnx.OnnxFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nowcast-train export-onnx}: a .ncm model as an ONNX file that takes raw inputs, as nowcast predict does. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = "Write a .ncm model as ONNX: input x [batch][T][I] raw values, output y [batch][O] raw forecasts. "
                + "tanh/logistic models use standard LSTM nodes; ISRU models an equivalent graph of elementwise operators.")
final class ExportOnnxCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.ncm")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx")
    Path out;

    @Option(names = "--streaming", description = "One step per call, as nowcast's streaming step: x [batch][1][I], and per "
            + "layer l the state as inputs h<l>_in, c<l>_in and outputs h<l>, c<l> (zeros to start).")
    boolean streaming;

    @Override
    public Integer call() throws Exception {
        Model m = ModelReader.read(model);
        OnnxFiles.write(streaming ? OnnxExporter.exportStreaming(m) : OnnxExporter.export(m), out);
        int steps = streaming ? 1 : m.window();
        String layers = OnnxExporter.standardActivations(m) ? "LSTM nodes" : "elementwise LSTM, " + steps + " step"
                + (steps == 1 ? "" : "s unrolled");
        System.out.println("wrote " + out + ": " + layers + ", opset " + OnnxExporter.OPSET + ", input "
                + OnnxExporter.INPUT + " [batch][" + steps + "][" + m.inputCount() + "], output " + OnnxExporter.OUTPUT
                + " [batch][" + m.outputCount() + "]");
        return 0;
    }
}
