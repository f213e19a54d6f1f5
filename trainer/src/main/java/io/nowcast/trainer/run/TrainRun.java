package io.nowcast.trainer.run;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.data.DataSource;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.eval.EngineForecaster;
import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.eval.Forecaster;
import io.nowcast.trainer.eval.Persistence;
import io.nowcast.trainer.eval.RidgeRegression;
import io.nowcast.trainer.eval.TimeOfDayMean;
import io.nowcast.trainer.export.ModelExporter;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.train.Checkpoint;
import io.nowcast.trainer.train.Trainer;
import io.nowcast.trainer.train.TrainingConfig;
import io.nowcast.trainer.train.TrainingData;
import io.nowcast.trainer.train.TrainingListener;
import io.nowcast.trainer.train.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One `nowcast-train train`: load and split the data, train (or resume), export the best weights
 * as .ncm, evaluate the exported file through the runtime's engines against the baselines on the
 * test split, and write the report.
 */
public final class TrainRun {
    /** Everything the command line decides. */
    public record Options(DataSource source, ProblemSpec spec, Path data, Path testData, double[] split,
            TrainingConfig config, WeightType weights, Map<String, String> units, Path outDir, boolean resume,
            Map<String, Function<Model, Engine>> engines) {
    }

    /** What a run produced. */
    public record Result(Model model, Evaluation evaluation, TrainingState state, boolean finished, double trainSeconds) {
    }

    private final Options o;
    private final PrintStream log;

    public TrainRun(Options options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    public Result run(TrainingListener listener, BooleanSupplier stop) throws IOException {
        Files.createDirectories(o.outDir());
        PreparedData data = PreparedData.load(o.source(), o.spec(), o.data(), o.testData(), o.split());
        log.println("nowcast-train: " + data.provenance());
        LstmShape shape = new LstmShape(o.spec().inputs().size(), o.config().hidden(), o.spec().targets().size());
        LstmNetwork network = new LstmNetwork(shape, o.config().activations(), o.spec().window());
        Trainer trainer = new Trainer(network, o.config());
        Path checkpoint = o.outDir().resolve("checkpoint.bin");
        TrainingData train = TrainingData.of(data.train(), data.normalization());
        TrainingState state = o.resume() ? Checkpoint.read(checkpoint, o.config(), shape.size()) : trainer.start(train);
        TrainingData validation = TrainingData.of(data.validation(), data.normalization());
        long start = System.nanoTime();
        boolean finished = trainer.train(state, train, validation, listener, stop, checkpoint);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (state.epochsDone() == 0) {
            throw new IllegalStateException("stopped before the first epoch ended: no model to save");
        }
        String basis = "nowcast-train: " + data.provenance() + "; inputs " + String.join(",", o.spec().inputs())
                + "; window " + o.spec().window() + " x " + o.spec().intervalSeconds() + "s; " + o.config().summary()
                + "; best epoch " + (state.bestEpoch() + 1) + " of " + state.epochsDone() + String.format(Locale.ROOT,
                        " (validation MSE %.5f, normalized)", state.bestValidationLoss());
        Model draft = ModelExporter.toModel(shape, o.config().activations(), state.bestParameters(), o.spec(),
                data.normalization(), o.units(), o.weights(), basis);
        Evaluation evaluation = evaluate(draft, data);
        Model model = ModelExporter.toModel(shape, o.config().activations(), state.bestParameters(), o.spec(),
                data.normalization(), o.units(), o.weights(), basis + "; test " + testSummary(evaluation));
        Path modelFile = o.outDir().resolve("model.ncm");
        ModelWriter.write(model, modelFile);
        new TrainReport(o, data, state, evaluation, model, seconds, finished).write(o.outDir());
        return new Result(model, evaluation, state, finished, seconds);
    }

    private Evaluation evaluate(Model model, PreparedData data) {
        List<Forecaster> forecasters = new ArrayList<>();
        for (Map.Entry<String, Function<Model, Engine>> e : o.engines().entrySet()) {
            forecasters.add(new EngineForecaster(e.getKey() + " engine", e.getValue().apply(model), data.test()));
        }
        forecasters.add(new Persistence(data.test()));
        forecasters.add(new TimeOfDayMean(data.train(), data.test(), 3600));
        forecasters.add(RidgeRegression.fit(data.train(), data.validation(), data.normalization()).on(data.test()));
        return Evaluation.run(data.test(), forecasters);
    }

    /** "RMSE Temperature +30min: float engine 0.1, persistence 0.2, ..." for the description. */
    static String testSummary(Evaluation e) {
        StringBuilder sb = new StringBuilder("RMSE");
        for (int out = 0; out < e.set().spec().targets().size(); out++) {
            sb.append(out == 0 ? " " : "; ").append(e.outputLabel(out)).append(':');
            for (int f = 0; f < e.forecasterNames().size(); f++) {
                sb.append(f == 0 ? " " : ", ").append(e.forecasterNames().get(f))
                        .append(String.format(Locale.ROOT, " %.4g", e.stats(f, out).rmse()));
            }
        }
        return sb.toString();
    }

    /** Engines by name, in order, for {@link Options#engines()}. */
    public static Map<String, Function<Model, Engine>> engines(List<String> names,
            Function<String, Function<Model, Engine>> byName) {
        Map<String, Function<Model, Engine>> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, byName.apply(n));
        }
        return m;
    }
}
