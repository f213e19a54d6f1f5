package io.nowcast.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NowcastTrainCliTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NowcastTrainCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void badValueIsOneStderrLineNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "timestamp,temperature\n2026-01-01T00:00:00Z,1.5\n2026-01-01T00:01:00Z,1,5\n");
        Run r = run("train", "--data", csv.toString(), "--inputs", "temperature", "--target", "temperature",
                "--horizon", "1min", "--window", "2", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertEquals("nowcast-train train: " + csv + ":3: 3 fields, the rows before it have 2\n",
                r.err().replace(System.lineSeparator(), "\n"));

        Files.writeString(csv, "timestamp,temperature\n2026-01-01T00:00:00Z,1.5\n2026-01-01T00:01:00Z,hot\n");
        r = run("train", "--data", csv.toString(), "--inputs", "temperature", "--target", "temperature",
                "--horizon", "1min", "--window", "2", "--out", dir.resolve("out").toString());
        assertEquals("nowcast-train train: " + csv + ":3: column 'temperature': 'hot' is not a number\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aDurationOptionMistakeIsOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("h.csv"), "timestamp,temperature\n2026-01-01T00:00:00Z,1.5\n");
        Run r = run("train", "--data", csv.toString(), "--inputs", "temperature", "--target", "temperature",
                "--horizon", "1h", "--interval", "60", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertEquals("nowcast-train train: --interval '60' has no unit: write a whole number and a unit (150ms, 10s, "
                + "5min or 5m, 1h, 2d) or ISO-8601 (PT10M)\n", r.err().replace(System.lineSeparator(), "\n"));
        r = run("train", "--data", csv.toString(), "--inputs", "temperature", "--target", "temperature",
                "--horizon", "90min,1500ms", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertEquals("nowcast-train train: --horizon '1500ms' is not a whole number of seconds (the finest step is 1s)\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void verbosePrintsTheStackTraceToo(@TempDir Path dir) {
        Run r = run("train", "--data", dir.resolve("missing.csv").toString(), "--inputs", "a", "--target", "a",
                "--horizon", "1h", "--out", dir.toString(), "--verbose");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("nowcast-train train: " + dir.resolve("missing.csv") + ": no such file"), r.err());
        assertTrue(r.err().contains("\tat "), "stack trace expected with --verbose");
    }

    /** docs/weather.md: a change from the last value by default, the value itself with --no-delta. */
    @Test
    void targetsAreChangesUnlessNoDeltaIsGiven(@TempDir Path dir) throws Exception {
        Path csv = io.nowcast.trainer.run.TrainRunTest.stationCsv(dir);
        String[] common = {"train", "--data", csv.toString(), "--target", "temperature", "--horizon", "1h",
                "--interval", "10min", "--window", "6", "--hidden", "4", "--epochs", "1", "--no-progress"};
        Run r = run(concat(common, "--inputs", "temperature,humidity", "--out", dir.resolve("delta").toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals(0, ModelReader.read(dir.resolve("delta/model.ncm")).outputs().get(0).baseInput());

        r = run(concat(common, "--inputs", "humidity", "--out", dir.resolve("refused").toString()));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("target temperature is a change from its last value (the default), so it must"
                + " also be an input; give it with --inputs, or --no-delta to forecast its value"), r.err());

        r = run(concat(common, "--inputs", "humidity", "--no-delta", "--level-noise", "0",
                "--out", dir.resolve("absolute").toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals(-1, ModelReader.read(dir.resolve("absolute/model.ncm")).outputs().get(0).baseInput());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** The station's use: a plain ISO-8601 UTC CSV, trained and evaluated through both runtime engines. */
    @Test
    void trainsAStationCsvThroughTheCommandLine(@TempDir Path dir) throws Exception {
        Path csv = io.nowcast.trainer.run.TrainRunTest.stationCsv(dir);
        Path out = dir.resolve("model");
        Run r = run("train", "--data", csv.toString(), "--inputs", "temperature,humidity,pressure,time_of_day_sin",
                "--target", "temperature", "--horizon", "1h", "--delta", "--interval", "10min", "--window", "12",
                "--hidden", "8", "--epochs", "2", "--batch", "16", "--chunk", "8", "--weights", "q16", "--no-progress",
                "--unit", "temperature=°C", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Model m = ModelReader.read(out.resolve("model.ncm"));
        assertEquals("°C", m.inputs().get(0).unit());
        assertEquals(io.nowcast.engine.model.WeightType.Q16, m.weightType());
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"float engine\"") && metrics.contains("\"q16 engine\""), metrics);
    }
}
