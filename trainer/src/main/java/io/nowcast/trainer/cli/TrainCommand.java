package io.nowcast.trainer.cli;

import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.data.ColumnUnits;
import io.nowcast.trainer.eval.EngineFactory;
import io.nowcast.trainer.report.EvaluationReport;
import io.nowcast.trainer.run.ProgressBarListener;
import io.nowcast.trainer.run.StopOnSignal;
import io.nowcast.trainer.run.TrainRun;
import io.nowcast.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast-train train}: CSV history or weewx archive → OUT/model.ncm, metrics.json, report.md and charts. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a forecaster, export OUT/model.ncm and write OUT/report.md, OUT/metrics.json and charts.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--weights", defaultValue = "f32", paramLabel = "f32|f16|q16",
            description = "Weight type of the exported file (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--engines", defaultValue = "float,q16", split = ",",
            description = "Runtime engines to evaluate the exported file with (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.bin (same settings, any thread count).")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;


    @Override
    public Integer call() throws Exception {
        WeightType type = switch (weights.toLowerCase(Locale.ROOT)) {
            case "f32" -> WeightType.F32;
            case "f16" -> WeightType.F16;
            case "q16" -> WeightType.Q16;
            default -> throw new IllegalArgumentException("--weights '" + weights + "': expected f32, f16 or q16");
        };
        TrainRun.Options options = new TrainRun.Options(data.source(), data.spec(), data.data, data.testData,
                data.splitFractions(), model.config(), type, data.columnUnits, out, resume,
                TrainRun.engines(engines, EngineFactory::byName));
        try (StopOnSignal stop = new StopOnSignal();
                ProgressBarListener bar = new ProgressBarListener(options.config().epochs())) {
            TrainingListener listener = noProgress ? TrainingListener.SILENT : bar;
            TrainRun.Result r = new TrainRun(options, System.err).run(listener, stop);
            bar.close();
            System.out.println("wrote " + out.resolve("model.ncm") + " (" + r.model() + "), report " + out.resolve("report.md"));
            System.out.print(EvaluationReport.markdownTable(r.evaluation()));
            for (String column : new LinkedHashSet<>(data.targets)) {
                System.out.println(EvaluationReport.comparison(r.evaluation(), column, ColumnUnits.of(column, data.columnUnits)));
            }
            return r.finished() ? 0 : 130;
        }
    }
}
