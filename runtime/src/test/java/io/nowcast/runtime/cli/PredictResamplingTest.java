package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nowcast predict} resamples its input to the model's interval (60 s for RandomModels) by the
 * station's rule before it makes windows. Expected interval values are worked out by hand in each
 * test; the expected forecasts are ReferenceLstm's (double precision) on those values.
 */
class PredictResamplingTest {
    private static final int T = 3;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z"); // on the 60 s grid

    @TempDir
    Path dir;

    /** A random model with T = 3 whose inputs are named {@code names}. */
    private static Model model(String... names) {
        Model m = RandomModels.model(5, new RandomModels.Shape(names.length, new int[] {4}, 1, T), WeightType.F32,
                CellActivation.TANH, GateActivation.SIGMOID);
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            InputSpec in = m.inputs().get(k);
            inputs.add(new InputSpec(names[k], in.unit(), in.mean(), in.std()));
        }
        return new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(), m.intervalSeconds(),
                inputs, m.outputs(), m.description(), m.layers(), m.headWeights(), m.headBias());
    }

    private CliRun predict(Model m, String csv) throws Exception {
        Path model = dir.resolve("m.ncm");
        ModelWriter.write(m, model);
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        return CliRun.of("predict", "--model", model.toString(), "--input", in.toString(), "--with-time");
    }

    private static String at(long seconds) {
        return START.plusSeconds(seconds).toString();
    }

    private static double output(String line) {
        return Double.parseDouble(line.split(",")[1]);
    }

    @Test
    void rowsFasterThanTheIntervalAreAveragedPerInterval() throws Exception {
        Model m = model("temperature");
        // Three readings per minute (at −20 s, 0 s, +20 s around each grid point), four minutes.
        StringBuilder csv = new StringBuilder("timestamp,temperature\n");
        double[][] readings = {{9, 10, 11}, {12, 12, 15}, {20, 21, 22}, {0, 3, 3}};
        for (int i = 0; i < readings.length; i++) {
            for (int j = 0; j < 3; j++) {
                csv.append(at(60L * i + 20L * (j - 1))).append(',').append(readings[i][j]).append('\n');
            }
        }
        CliRun run = predict(m, csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        // Means per minute: 10, 13, 21, 2. Two windows of three: (10, 13, 21) and (13, 21, 2).
        assertEquals(3, lines.length, run.out());
        assertEquals(at(120) + "," + lines[1].split(",", 2)[1], lines[1], "labelled with the last interval's grid point");
        assertEquals(ReferenceLstm.outputs(m, new double[][] {{10}, {13}, {21}})[0], output(lines[1]), 1e-4);
        assertEquals(ReferenceLstm.outputs(m, new double[][] {{13}, {21}, {2}})[0], output(lines[2]), 1e-4);
        assertEquals(at(180), lines[2].split(",")[0]);
    }

    @Test
    void rainIsSummedGustsKeepTheirMaximumAndDirectionsAverageAsVectors() throws Exception {
        Model m = model("rain", "wind_gust", "wind_dir_sin", "wind_dir_cos");
        String csv = "timestamp,wind_dir,rain,wind_gust\n"
                + at(-15) + ",350,0.2,12\n" + at(15) + ",10,0.4,30\n"   // minute 0
                + at(45) + ",80,0.0,18\n" + at(75) + ",100,1.0,7\n"      // minute 1
                + at(105) + ",180,0.6,9\n" + at(135) + ",,0.1,11\n";     // minute 2 (no direction in one row)
        CliRun run = predict(m, csv);
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        // Minute 0: rain 0.2 + 0.4 = 0.6; gust max(12, 30) = 30; 350° and 10° average to 0°: sin 0, cos 1.
        // Minute 1: rain 1.0; gust 18; 80° and 100° average to 90°: sin 1, cos 0.
        // Minute 2: rain 0.7; gust 11; the one direction, 180°: sin 0, cos −1.
        double[][] window = {{0.6, 30, 0, 1}, {1.0, 18, 1, 0}, {0.7, 11, 0, -1}};
        assertEquals(ReferenceLstm.outputs(m, window)[0], output(lines[1]), 1e-4);
    }

    @Test
    void aGapStartsTheWindowAnewAndIsCountedOnStderr() throws Exception {
        Model m = model("temperature");
        StringBuilder csv = new StringBuilder("timestamp,temperature\n");
        // Minutes 0-3 and 6-9 have readings; 4 and 5 have none; minute 8's only value is missing.
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 5) {
                csv.append(at(60L * i)).append(',').append(i == 8 ? "" : Integer.toString(i)).append('\n');
            }
        }
        CliRun run = predict(m, csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        // Windows end at minutes 2 and 3 (0-3); 6, 7 have no full window; 8 is empty; 9 alone: none.
        assertEquals(List.of(at(120), at(180)), List.of(lines[1].split(",")[0], lines[2].split(",")[0]));
        assertEquals(3, lines.length, run.out());
        assertEquals("predict: " + dir.resolve("in.csv") + ": 3 intervals of 1min without a value of an input;"
                + " windows across them were left out", run.err().strip());
    }

    @Test
    void rowsOutOfTimeOrderAreRefusedWithTheirLine() throws Exception {
        Model m = model("temperature");
        String csv = "timestamp,temperature\n" + at(0) + ",1\n" + at(60) + ",2\n" + at(30) + ",3\n";
        CliRun run = predict(m, csv);
        assertEquals(CliErrors.FAILED, run.exitCode());
        assertEquals("nowcast predict: " + dir.resolve("in.csv") + ":4: " + at(30) + " is before the row above ("
                + at(60) + "); rows must be in time order", run.err().strip());
    }
}
