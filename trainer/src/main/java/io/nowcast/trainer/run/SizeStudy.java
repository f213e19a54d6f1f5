package io.nowcast.trainer.run;

import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.report.Charts;
import io.nowcast.trainer.train.TrainingConfig;
import io.nowcast.trainer.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The research's seed experiment: one training run per hidden size and activation pair, same data,
 * same seed, same everything else; each run is a full {@link TrainRun} in its own folder. Writes
 * size-study.csv and charts of training time, prediction time and test error against size.
 */
public final class SizeStudy {
    /** One run's figures. Prediction time is the first engine's, per window, one thread. */
    public record Row(int hidden, String activation, long parameters, int epochs, double trainSeconds,
            double predictMicros, double rmse, double mae, double persistenceRmse, double ridgeRmse,
            double bestValidationMse) {
        double trainSecondsPerEpoch() {
            return trainSeconds / epochs;
        }

        String csv() {
            return String.format(Locale.ROOT, "%d,%s,%d,%d,%.3f,%.3f,%.3f,%.6f,%.6f,%.6f,%.6f,%.6f", hidden, activation,
                    parameters, epochs, trainSeconds, trainSeconds / epochs, predictMicros, rmse, mae, persistenceRmse,
                    ridgeRmse, bestValidationMse);
        }
    }

    static final String HEADER = "hidden,activation,parameters,epochs,train_seconds,seconds_per_epoch,"
            + "predict_us_per_window,test_rmse,test_mae,persistence_rmse,ridge_rmse,best_validation_mse";

    private final TrainRun.Options base;
    private final List<Integer> sizes;
    private final List<ActivationPair> pairs;
    private final int layers;
    private final PrintStream log;

    public SizeStudy(TrainRun.Options base, List<Integer> sizes, List<ActivationPair> pairs, int layers, PrintStream log) {
        this.base = base;
        this.sizes = sizes;
        this.pairs = pairs;
        this.layers = layers;
        this.log = log;
    }

    public List<Row> run(BooleanSupplier stop) throws IOException {
        Files.createDirectories(base.outDir());
        Path csv = base.outDir().resolve("size-study.csv");
        Files.writeString(csv, HEADER + "\n", StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        for (int h : sizes) {
            for (ActivationPair pair : pairs) {
                if (stop.getAsBoolean()) {
                    return rows;
                }
                int[] hidden = new int[layers];
                java.util.Arrays.fill(hidden, h);
                TrainingConfig config = base.config().with(hidden, pair);
                Path dir = base.outDir().resolve("h" + h + "-" + pair.label());
                TrainRun.Options o = new TrainRun.Options(base.source(), base.spec(), base.data(), base.testData(),
                        base.split(), config, base.weights(), base.units(), dir, false, base.engines());
                log.printf(Locale.ROOT, "size-study: H=%d %s ...%n", h, pair.label());
                TrainRun.Result r = new TrainRun(o, log).run(TrainingListener.SILENT, stop);
                Evaluation e = r.evaluation();
                int last = base.spec().targets().size() - 1;
                Row row = new Row(h, pair.label(), r.model().parameterCount(), r.state().epochsDone(), r.trainSeconds(),
                        e.nanosPerWindow(0) / 1000, e.stats(0, last).rmse(), e.stats(0, last).mae(),
                        e.stats(e.forecasterIndex("persistence"), last).rmse(),
                        e.stats(e.forecasterIndex("ridge"), last).rmse(), r.state().bestValidationLoss());
                rows.add(row);
                Files.writeString(csv, row.csv() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                log.printf(Locale.ROOT, "size-study: H=%d %s: %.1f s training, %.1f µs/window, test RMSE %.4f%n", h,
                        pair.label(), row.trainSeconds(), row.predictMicros(), row.rmse());
            }
        }
        charts(rows);
        return rows;
    }

    private void charts(List<Row> rows) throws IOException {
        chart(rows, "training-time.png", "Training time per epoch", "seconds per epoch", Row::trainSecondsPerEpoch, false);
        chart(rows, "prediction-time.png", "Prediction time per window (runtime engine, one thread)", "µs per window",
                Row::predictMicros, false);
        List<Charts.Line> lines = lines(rows, Row::rmse);
        double[] x = sizes.stream().mapToDouble(Integer::doubleValue).toArray();
        lines.add(new Charts.Line("persistence", x, constant(x.length, rows.get(0).persistenceRmse()), false));
        lines.add(new Charts.Line("ridge", x, constant(x.length, rows.get(0).ridgeRmse()), false));
        Charts.line(base.outDir().resolve("accuracy.png"), "Test RMSE by hidden size", "hidden size H", "RMSE", lines, false);
    }

    private void chart(List<Row> rows, String file, String title, String yTitle, java.util.function.ToDoubleFunction<Row> f,
            boolean log) throws IOException {
        Charts.line(base.outDir().resolve(file), title, "hidden size H", yTitle, lines(rows, f), log);
    }

    private List<Charts.Line> lines(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        List<Charts.Line> lines = new ArrayList<>();
        for (ActivationPair p : pairs) {
            List<Row> mine = rows.stream().filter(r -> r.activation().equals(p.label())).toList();
            lines.add(new Charts.Line(p.label(), mine.stream().mapToDouble(Row::hidden).toArray(),
                    mine.stream().mapToDouble(f).toArray(), true));
        }
        return lines;
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
