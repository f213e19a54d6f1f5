package io.nowcast.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.ReferenceLstm;
import io.nowcast.history.TimestampParser;
import io.nowcast.trainer.data.DataSource;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.train.TrainingConfig;
import io.nowcast.trainer.train.TrainingListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole training run on a small synthetic station CSV, as the station's demo model will be made. */
public class TrainRunTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** The runtime's reference forward pass as an engine (see ReferenceLstm in the runtime's test jar). */
    static final Function<Model, Engine> REFERENCE = model -> new Engine() {
        @Override
        public Model model() {
            return model;
        }

        @Override
        public void predict(float[] window, float[] out) {
            int n = model.inputCount();
            double[][] w = new double[model.window()][n];
            for (int t = 0; t < w.length; t++) {
                for (int k = 0; k < n; k++) {
                    w[t][k] = window[t * n + k];
                }
            }
            double[] y = ReferenceLstm.outputs(model, w);
            for (int o = 0; o < y.length; o++) {
                out[o] = (float) y[o];
            }
        }

        @Override
        public void step(float[] row, float[] out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reset() {
        }
    };

    /**
     * Ten-minute station data over 6 days: temperature with a daily cycle (UTC) plus a slow drift,
     * humidity moving against it, pressure a slow wave.
     */
    public static Path stationCsv(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,temperature,humidity,pressure\n");
        long t0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 6 * 144; i++) {
            double day = 2 * Math.PI * i / 144.0;
            double temp = 10 + 5 * Math.sin(day) + 0.5 * Math.sin(i / 300.0);
            double hum = 70 - 2 * (temp - 10);
            double p = 1013 + 4 * Math.sin(i / 200.0);
            sb.append(Instant.ofEpochSecond(t0 + 600L * i)).append(',').append(String.format(java.util.Locale.ROOT,
                    "%.3f,%.2f,%.2f%n", temp, hum, p));
        }
        Path f = dir.resolve("station.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void trainsExportsEvaluatesAndReportsOnAStationCsv(@TempDir Path dir) throws Exception {
        Path csv = stationCsv(dir);
        ProblemSpec spec = new ProblemSpec(List.of("temperature", "humidity", "pressure", "time_of_day_sin",
                "time_of_day_cos"), List.of(new TargetSpec("temperature", 1800, true),
                        new TargetSpec("temperature", 3600, true)), 12, 600);
        TrainingConfig config = new TrainingConfig(new int[] {12}, ActivationPair.ISRU, 16, 8, 12, 0.01, 0.5, 2, 4, 1.0, 0, 0, io.nowcast.trainer.train.InputNoise.NONE, true, io.nowcast.trainer.nn.LinearPath.NONE,
                3, 2);
        Path out = dir.resolve("out");
        TrainRun.Options o = new TrainRun.Options(new DataSource("timestamp", new TimestampParser(null, null), 600, 3000),
                spec, csv, null, new double[] {0.7, 0.15}, config, WeightType.F32, Map.of("temperature", "°C"), out, false,
                Map.of("reference", REFERENCE));
        TrainRun.Result r = new TrainRun(o, QUIET).run(TrainingListener.SILENT, () -> false);

        Model read = ModelReader.read(out.resolve("model.ncm"));
        assertEquals(r.model(), read);
        assertEquals(List.of("temperature", "humidity", "pressure", "time_of_day_sin", "time_of_day_cos"),
                read.inputs().stream().map(i -> i.name()).toList());
        assertEquals(0, read.outputs().get(0).baseInput());
        assertEquals(3600, read.outputs().get(1).horizonSeconds());
        assertTrue(read.description().contains("station.csv"), read.description());
        assertTrue(read.description().contains("RMSE"), read.description());
        for (String f : List.of("metrics.json", "report.md", "loss.png", "forecast-temperature.png",
                "error-by-horizon-temperature.png", "checkpoint.bin")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        // A smooth daily cycle: the trained model must beat persistence an hour ahead.
        Evaluation e = r.evaluation();
        double model = e.stats(e.forecasterIndex("reference engine"), 1).rmse();
        double persistence = e.stats(e.forecasterIndex("persistence"), 1).rmse();
        assertTrue(model < persistence, "model RMSE " + model + " vs persistence " + persistence);
    }
}
