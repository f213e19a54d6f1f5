package io.nowcast.trainer.cli;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.trainer.onnx.ImportSettings;
import io.nowcast.trainer.onnx.NormalizationFile;
import io.nowcast.trainer.onnx.OnnxFiles;
import io.nowcast.trainer.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nowcast-train import-onnx}: an ONNX LSTM forecaster (PyTorch, Keras via tf2onnx) as a .ncm model. */
@Command(name = "import-onnx", mixinStandardHelpOptions = true,
        description = "Read an ONNX file of standard LSTM nodes and a dense head and write it as a .ncm model. "
                + "Means and deviations scale raw values to what the network was trained on.")
final class ImportOnnxCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.onnx")
    Path onnx;

    @Option(names = "--out", required = true, paramLabel = "MODEL.ncm")
    Path out;

    @Option(names = "--inputs", split = ",", paramLabel = "NAME", description = "Input names, in the network's order (default x0,x1,...).")
    List<String> inputs;

    @Option(names = "--outputs", split = ",", paramLabel = "NAME", description = "Output names (default y0,y1,...).")
    List<String> outputs;

    @Option(names = "--window", paramLabel = "STEPS", description = "Steps per window (default: the length the file fixes).")
    Integer window;

    @Option(names = "--interval", defaultValue = "600", paramLabel = "SECONDS",
            description = "Seconds between steps (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--horizons", split = ",", paramLabel = "SECONDS", description = "How far ahead each output looks (default 0).")
    List<Long> horizons;

    @Option(names = "--input-means", split = ",", paramLabel = "X") List<Double> inputMeans;
    @Option(names = "--input-stds", split = ",", paramLabel = "X") List<Double> inputStds;
    @Option(names = "--output-means", split = ",", paramLabel = "X") List<Double> outputMeans;
    @Option(names = "--output-stds", split = ",", paramLabel = "X") List<Double> outputStds;

    @Option(names = "--normalization", paramLabel = "FILE.json",
            description = "Means and deviations from a JSON file: {\"inputs\": {\"NAME\": {\"mean\": M, \"std\": S}, ...}, "
                    + "\"outputs\": {...}}, in the order of --inputs and --outputs.")
    Path normalization;

    @Override
    public Integer call() throws Exception {
        ImportSettings settings = new ImportSettings(inputs, outputs, window, interval, inputMeans, inputStds,
                outputMeans, outputStds, horizons);
        if (normalization != null) {
            settings = NormalizationFile.read(normalization).applyTo(settings);
        }
        Model model = OnnxImporter.toModel(OnnxFiles.read(onnx), onnx.getFileName().toString(), settings);
        ModelWriter.write(model, out);
        System.out.println("wrote " + out + ": " + model);
        return 0;
    }
}
