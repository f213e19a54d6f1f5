package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final int T = 5;
    private static final int ROWS = 9;

    @TempDir
    Path dir;

    /** A random model whose inputs are in0, in1 and the time of day, so that a timestamp column is needed. */
    private Model model() {
        Model m = RandomModels.model(11, new RandomModels.Shape(3, new int[] {6}, 2, T), WeightType.F32,
                CellActivation.ISRU, GateActivation.SIGMOID);
        List<InputSpec> inputs = new ArrayList<>(m.inputs());
        inputs.set(2, new InputSpec(DerivedFeature.TIME_OF_DAY_SIN.inputName, "1", 0f, 0.7f));
        return new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(), m.intervalSeconds(),
                inputs, m.outputs(), m.description(), m.layers(), m.headWeights(), m.headBias());
    }

    /** ROWS rows, one per model interval, columns in another order than the model's plus an extra one. */
    private double[][] rows(Model m) {
        double[][] raw = RandomModels.window(new Model(m.weightType(), m.cellActivation(), m.gateActivation(), ROWS,
                m.intervalSeconds(), m.inputs(), m.outputs(), "", m.layers(), m.headWeights(), m.headBias()), 5);
        for (int r = 0; r < ROWS; r++) {
            raw[r][2] = DerivedFeature.TIME_OF_DAY_SIN.at(time(r));
        }
        return raw;
    }

    /** Row r's time: on the model's grid (RandomModels' interval, 60 s), so each row is one interval. */
    private static Instant time(int row) {
        return Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * row);
    }

    private Path csv(double[][] raw, String badCell) throws Exception {
        StringBuilder s = new StringBuilder("in1,note,timestamp,in0\n");
        for (int r = 0; r < raw.length; r++) {
            String in1 = r == 6 && badCell != null ? badCell : String.format(Locale.ROOT, "%.9g", raw[r][1]);
            s.append(in1).append(",\"x, y\",").append(time(r)).append(',')
                    .append(String.format(Locale.ROOT, "%.9g", raw[r][0])).append('\n');
        }
        Path file = dir.resolve("in.csv");
        Files.writeString(file, s);
        return file;
    }

    private Path modelFile(Model m) throws Exception {
        Path file = dir.resolve("m.ncm");
        ModelWriter.write(m, file);
        return file;
    }

    @Test
    void writesOneLineOfOutputsPerSlidingWindow() throws Exception {
        Model m = model();
        double[][] raw = rows(m);
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", csv(raw, null).toString());

        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("out0,out1", lines[0]);
        assertEquals(1 + ROWS - T + 1, lines.length);
        for (int w = 0; w <= ROWS - T; w++) {
            double[][] window = java.util.Arrays.copyOfRange(raw, w, w + T);
            double[] expected = ReferenceLstm.outputs(m, window);
            String[] fields = lines[1 + w].split(",");
            for (int o = 0; o < 2; o++) {
                assertTrue(fields[o].replace("-", "").replace(".", "").length() >= 7, "7 significant digits: " + fields[o]);
                double got = Double.parseDouble(fields[o]);
                assertEquals(expected[o], got, 1e-4 * Math.max(1, Math.abs(expected[o])), "window " + w + " output " + o);
            }
        }
    }

    @Test
    void withTimeEachLineStartsWithTheTimeOfItsWindowsLastRow() throws Exception {
        Model m = model();
        Path in = csv(rows(m), null);
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString(), "--with-time");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("timestamp,out0,out1", lines[0]);
        String[] plain = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString()).out().split("\n");
        assertEquals(plain.length, lines.length);
        for (int w = 0; w <= ROWS - T; w++) {
            assertEquals(time(w + T - 1) + "," + plain[1 + w], lines[1 + w], "window " + w + " ends at row " + (w + T - 1));
        }
    }

    @Test
    void noTimestampColumnIsOneLine() throws Exception {
        Model m = RandomModels.model(11, new RandomModels.Shape(2, new int[] {4}, 2, 2), WeightType.F32,
                CellActivation.TANH, GateActivation.SIGMOID);
        Path in = dir.resolve("plain.csv");
        Files.writeString(in, "in0,in1\n1,2\n3,4\n");
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString());
        assertEquals(CliErrors.FAILED, run.exitCode());
        assertEquals("nowcast predict: " + in + ":1: no 'timestamp' column: rows are resampled to the model's interval"
                + " (60 s) by their times", run.err().strip());
    }

    @Test
    void theQ16EngineGivesTheSameForecastsWithinItsPrecision() throws Exception {
        Model m = model();
        double[][] raw = rows(m);
        Path model = modelFile(m);
        Path in = csv(raw, null);
        String[] q16 = CliRun.of("predict", "--model", model.toString(), "--input", in.toString(), "--engine", "q16")
                .out().split("\n");
        String[] f32 = CliRun.of("predict", "--model", model.toString(), "--input", in.toString(), "--engine", "FLOAT")
                .out().split("\n");
        assertEquals(f32.length, q16.length);
        for (int w = 1; w < q16.length; w++) {
            String[] a = q16[w].split(",");
            String[] b = f32[w].split(",");
            for (int o = 0; o < a.length; o++) {
                // The Q16 engine's bound, 1e-3 in normalized units, is std × 1e-3 in raw units; printing
                // 7 significant digits adds up to 5e-7 relative on each side.
                double expected = Double.parseDouble(b[o]);
                double tolerance = 1e-3 * m.outputs().get(o).std() + 1e-6 * Math.abs(expected);
                assertEquals(expected, Double.parseDouble(a[o]), tolerance, "window " + w + " output " + o);
            }
        }
    }

    @Test
    void outputFileAppearsOnlyWhenComplete() throws Exception {
        Model m = model();
        Path out = dir.resolve("forecasts.csv");
        CliRun ok = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", csv(rows(m), null).toString(),
                "--output", out.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals(1 + ROWS - T + 1, Files.readAllLines(out).size());

        Files.delete(out);
        CliRun bad = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", csv(rows(m), "n/a").toString(),
                "--output", out.toString());
        assertEquals(CliErrors.FAILED, bad.exitCode());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("forecasts.csv.partial")));
    }

    @Test
    void aNonNumberNamesFileLineAndColumn() throws Exception {
        Model m = model();
        Path in = csv(rows(m), "n/a");
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString());
        assertEquals(CliErrors.FAILED, run.exitCode());
        // Row 6 of the data is line 8 of the file (line 1 is the header).
        assertEquals("nowcast predict: " + in + ":8: column 'in1': 'n/a' is not a number", run.err().strip());
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Model m = model();
        Path in = dir.resolve("few.csv");
        Files.writeString(in, "in0,timestamp\n1,2026-01-01T00:00:00Z\n");
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString());
        assertEquals(CliErrors.FAILED, run.exitCode());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains(in + ":1: model input 'in1' is neither a sensor channel ([in0]), nor the _sin/_cos"
                + " of a direction channel, nor a derived feature (columns: in0, timestamp)"), run.err());
    }

    @Test
    void fewerRowsThanTheWindow() throws Exception {
        Model m = model();
        Path in = dir.resolve("short.csv");
        Files.writeString(in, "in0,in1,timestamp\n1,2,2026-01-01T00:00:00Z\n1,2,2026-01-01T00:01:00Z\n");
        CliRun run = CliRun.of("predict", "--model", modelFile(m).toString(), "--input", in.toString());
        assertEquals(CliErrors.FAILED, run.exitCode());
        assertEquals("nowcast predict: " + in + ": no 5 consecutive intervals of 1min with a value of every input (the"
                + " model's window); 2 intervals with rows, 0 without a value between them", run.err().strip());
    }

    @Test
    void aBadModelAndAMissingInputAreOneLineEach() throws Exception {
        Path model = dir.resolve("bad.ncm");
        Files.writeString(model, "this is not a model file, only some text");
        CliRun bad = CliRun.of("predict", "--model", model.toString(), "--input", "x.csv");
        assertEquals(CliErrors.FAILED, bad.exitCode());
        assertEquals(1, bad.errLines().length, bad.err());
        assertTrue(bad.err().contains("magic at offset 0"), bad.err());

        CliRun missing = CliRun.of("predict", "--model", modelFile(model()).toString(), "--input",
                dir.resolve("absent.csv").toString());
        assertEquals(CliErrors.FAILED, missing.exitCode());
        assertEquals("nowcast predict: " + dir.resolve("absent.csv") + ": no such file", missing.err().strip());
    }

    @Test
    void repeatedOutputNamesGetTheirHorizons() {
        Model m = model();
        List<OutputSpec> same = m.outputs().stream()
                .map(o -> new OutputSpec("temperature", o.unit(), o.horizonSeconds(),
                        o.baseInput(), o.mean(), o.std()))
                .toList();
        Model twoHorizons = new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(),
                m.intervalSeconds(), m.inputs(), same, "", m.layers(), m.headWeights(), m.headBias());
        // RandomModels gives output k the horizon 600·(k+1) s: 10 and 20 minutes.
        assertEquals(List.of("temperature+10min", "temperature+20min"), PredictCommand.columnNames(twoHorizons));
        assertEquals(List.of("out0", "out1"), PredictCommand.columnNames(m));
    }

    @Test
    void anUnknownEngineIsAUsageError() throws Exception {
        CliRun run = CliRun.of("predict", "--model", modelFile(model()).toString(), "--input", "x.csv", "--engine", "gpu");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--engine"), run.err());
    }

    @Test
    void aUsageErrorIsOneLineThatPointsAtHelp() throws Exception {
        CliRun run = CliRun.of("predict", "--model", modelFile(model()).toString(), "--input", "x.csv", "--bogus");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("nowcast predict: "), run.err());
        assertTrue(run.err().contains("--bogus") && run.err().contains("'nowcast predict --help'"), run.err());
    }
}
