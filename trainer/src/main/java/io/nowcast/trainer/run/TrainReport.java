package io.nowcast.trainer.run;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.trainer.data.ColumnUnits;
import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.report.Charts;
import io.nowcast.trainer.report.EvaluationReport;
import io.nowcast.trainer.report.Json;
import io.nowcast.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** metrics.json, report.md and the PNG charts of one training run. */
final class TrainReport {
    private final TrainRun.Options o;
    private final PreparedData data;
    private final TrainingState state;
    private final Evaluation evaluation;
    private final Model model;
    private final double seconds;
    private final boolean finished;

    TrainReport(TrainRun.Options o, PreparedData data, TrainingState state, Evaluation evaluation, Model model,
            double seconds, boolean finished) {
        this.o = o;
        this.data = data;
        this.state = state;
        this.evaluation = evaluation;
        this.model = model;
        this.seconds = seconds;
        this.finished = finished;
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("metrics.json"), Json.write(metrics()), StandardCharsets.UTF_8);
        List<String> charts = new ArrayList<>();
        double[] epochs = new double[state.trainLoss().size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        Charts.line(dir.resolve("loss.png"), "Loss per epoch (MSE, normalized units)", "epoch", "MSE",
                List.of(new Charts.Line("training", epochs, toArray(state.trainLoss()), true),
                        new Charts.Line("validation", epochs, toArray(state.validationLoss()), true)), false);
        charts.add("loss.png");
        List<String> shown = new ArrayList<>();
        shown.add(evaluation.forecasterNames().get(0));
        shown.add("persistence");
        shown.add("ridge");
        Set<String> columns = new LinkedHashSet<>();
        for (int out = 0; out < o.spec().targets().size(); out++) {
            columns.add(o.spec().targets().get(out).column());
        }
        for (String column : columns) {
            int last = -1;
            for (int out = 0; out < o.spec().targets().size(); out++) {
                if (o.spec().targets().get(out).column().equals(column)) {
                    last = out;
                }
            }
            String slug = EvaluationReport.slug(column);
            String unit = ColumnUnits.of(column, o.units());
            EvaluationReport.forecastChart(evaluation, last, shown, unit, dir.resolve("forecast-" + slug + ".png"));
            EvaluationReport.errorByHorizonChart(evaluation, column, unit, dir.resolve("error-by-horizon-" + slug + ".png"));
            charts.add("forecast-" + slug + ".png");
            charts.add("error-by-horizon-" + slug + ".png");
        }
        Files.writeString(dir.resolve("report.md"), markdown(charts), StandardCharsets.UTF_8);
    }

    private Map<String, Object> metrics() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> mod = new LinkedHashMap<>();
        mod.put("file", "model.ncm");
        mod.put("sha256", sha256(ModelWriter.toBytes(model)));
        mod.put("weights", model.weightType().name().toLowerCase(Locale.ROOT));
        mod.put("cellActivation", model.cellActivation().name().toLowerCase(Locale.ROOT));
        mod.put("gateActivation", model.gateActivation().name().toLowerCase(Locale.ROOT));
        mod.put("hidden", o.config().hidden());
        mod.put("window", model.window());
        mod.put("intervalSeconds", model.intervalSeconds());
        mod.put("parameters", model.parameterCount());
        mod.put("inputs", o.spec().inputs());
        m.put("model", mod);
        m.put("data", data.provenance());
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("config", o.config().summary());
        tr.put("threads", o.config().threads());
        tr.put("finished", finished);
        tr.put("epochsDone", state.epochsDone());
        tr.put("bestEpoch", state.bestEpoch() + 1);
        tr.put("bestValidationMse", state.bestValidationLoss());
        tr.put("trainLoss", state.trainLoss());
        tr.put("validationLoss", state.validationLoss());
        tr.put("learningRate", state.learningRates());
        tr.put("secondsThisRun", seconds);
        m.put("training", tr);
        m.put("test", EvaluationReport.json(evaluation));
        return m;
    }

    private String markdown(List<String> charts) {
        StringBuilder sb = new StringBuilder("# Training report\n\n");
        sb.append("- Data: ").append(data.provenance()).append('\n');
        sb.append("- Inputs: ").append(String.join(", ", o.spec().inputs())).append("; window ").append(o.spec().window())
                .append(" steps of ").append(o.spec().intervalSeconds()).append(" s\n");
        sb.append("- Model: ").append(o.config().summary()).append("; ").append(model.parameterCount())
                .append(" parameters, ").append(model.weightType().name().toLowerCase(Locale.ROOT)).append(" weights\n");
        sb.append(String.format(Locale.ROOT, "- Training: %d epochs in this run's %.1f s%s; best epoch %d, validation MSE %.5f (normalized)%n",
                state.epochsDone(), seconds, finished ? "" : " (stopped early by request)", state.bestEpoch() + 1,
                state.bestValidationLoss()));
        sb.append("\n## Test split (").append(evaluation.set().size()).append(" windows)\n\n");
        sb.append("Forecasts of the exported model.ncm as the runtime's engines run it, against persistence, the")
                .append(" mean for the time of day (UTC, hourly bins, from the training split) and ridge regression")
                .append(" on the same window. Raw units.\n\n");
        sb.append(EvaluationReport.markdownTable(evaluation)).append('\n');
        for (String sentence : comparisons()) {
            sb.append(sentence).append("\n\n");
        }
        sb.append("Prediction time per window (this machine, one thread): ");
        for (int f = 0; f < evaluation.forecasterNames().size(); f++) {
            sb.append(f == 0 ? "" : ", ").append(evaluation.forecasterNames().get(f))
                    .append(String.format(Locale.ROOT, " %.1f µs", evaluation.nanosPerWindow(f) / 1000));
        }
        sb.append(".\n\n");
        for (String c : charts) {
            sb.append("![").append(c).append("](").append(c).append(")\n\n");
        }
        return sb.toString();
    }

    /** One sentence per target column: the model against ridge and persistence ({@link EvaluationReport#comparison}). */
    List<String> comparisons() {
        Set<String> columns = new LinkedHashSet<>();
        for (var t : o.spec().targets()) {
            columns.add(t.column());
        }
        List<String> out = new ArrayList<>();
        for (String column : columns) {
            out.add(EvaluationReport.comparison(evaluation, column, ColumnUnits.of(column, o.units())));
        }
        return out;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
