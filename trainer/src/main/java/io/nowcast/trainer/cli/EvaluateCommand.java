package io.nowcast.trainer.cli;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.history.TimestampParser;
import io.nowcast.trainer.data.ColumnUnits;
import io.nowcast.trainer.data.DataSource;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.eval.EngineFactory;
import io.nowcast.trainer.eval.EngineForecaster;
import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.eval.Forecaster;
import io.nowcast.trainer.eval.Persistence;
import io.nowcast.trainer.eval.RidgeRegression;
import io.nowcast.trainer.eval.TimeOfDayMean;
import io.nowcast.trainer.report.EvaluationReport;
import io.nowcast.trainer.report.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast-train evaluate}: an exported model on every window of a CSV or weewx archive, against the baselines. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run a .ncm model through the runtime's engines on every window of a CSV or weewx archive; "
                + "write metrics.json and report.md.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "NCM")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "History to evaluate on: a CSV, or a weewx archive (SQLite, recognised by its first bytes).")
    Path data;

    @Option(names = "--train-data", paramLabel = "FILE",
            description = "History the baselines (time-of-day mean, ridge) are fitted on; without it only persistence.")
    Path trainData;

    @Option(names = "--timestamp-column", defaultValue = "timestamp")
    String timestampColumn;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "CSV times: 'epoch' (seconds since 1970-01-01 UTC) or a java.time pattern; default ISO-8601.")
    String timestampFormat;

    @Option(names = "--units", defaultValue = "metric", paramLabel = "metric|us",
            description = "Units of a CSV's station-channel columns; us converts °F, inHg, mph, in (default: ${DEFAULT-VALUE}).")
    String units;

    @Option(names = "--time-zone", paramLabel = "ZONE")
    String timeZone;

    @Option(names = "--gap-tolerance-steps", defaultValue = "5")
    int gapSteps;

    @Option(names = "--engines", defaultValue = "float,q16", split = ",")
    List<String> engines;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;


    @Override
    public Integer call() throws Exception {
        Model model = ModelReader.read(modelFile);
        List<String> inputs = model.inputs().stream().map(i -> i.name()).toList();
        List<TargetSpec> targets = new ArrayList<>();
        for (OutputSpec o : model.outputs()) {
            targets.add(new TargetSpec(o.name(), o.horizonSeconds(), o.isDelta()));
        }
        ProblemSpec spec = new ProblemSpec(inputs, targets, model.window(), model.intervalSeconds());
        DataSource source = new DataSource(timestampColumn,
                new TimestampParser(timestampFormat, timeZone == null ? null : ZoneId.of(timeZone)),
                model.intervalSeconds(), gapSteps * model.intervalSeconds(), DataOptions.usUnits(units));
        WindowSet set = DataSource.windows(source.segments(data, spec), spec);
        List<Forecaster> forecasters = new ArrayList<>();
        for (String e : engines) {
            forecasters.add(new EngineForecaster(e + " engine", EngineFactory.byName(e).apply(model), set));
        }
        forecasters.add(new Persistence(set));
        if (trainData != null) {
            WindowSet train = DataSource.windows(source.segments(trainData, spec), spec);
            forecasters.add(new TimeOfDayMean(train, set, 3600));
            forecasters.add(RidgeRegression.fit(train, train, Normalization.fit(train)).on(set));
        }
        Evaluation evaluation = Evaluation.run(set, forecasters);
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.json"), Json.write(EvaluationReport.json(evaluation)), StandardCharsets.UTF_8);
        StringBuilder md = new StringBuilder("# Evaluation of " + modelFile.getFileName() + " on " + data.getFileName()
                + "\n\n" + model.description() + "\n\n" + EvaluationReport.markdownTable(evaluation) + "\n");
        String column = targets.get(0).column();
        String unit = model.outputs().get(0).unit().isEmpty() ? ColumnUnits.of(column, Map.of())
                : model.outputs().get(0).unit();
        md.append(EvaluationReport.comparison(evaluation, column, unit)).append("\n\n");
        String slug = EvaluationReport.slug(column);
        EvaluationReport.forecastChart(evaluation, 0, List.of(forecasters.get(0).name(), "persistence", "ridge"), unit,
                out.resolve("forecast-" + slug + ".png"));
        EvaluationReport.errorByHorizonChart(evaluation, column, unit, out.resolve("error-by-horizon-" + slug + ".png"));
        md.append("![forecast](forecast-").append(slug).append(".png)\n\n![error by horizon](error-by-horizon-")
                .append(slug).append(".png)\n");
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.print(EvaluationReport.markdownTable(evaluation));
        System.out.println(EvaluationReport.comparison(evaluation, column, unit));
        return 0;
    }
}
