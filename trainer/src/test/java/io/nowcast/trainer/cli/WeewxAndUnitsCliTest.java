package io.nowcast.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.trainer.cli.NowcastTrainCliTest.Run;
import io.nowcast.history.testing.SharedData;
import io.nowcast.trainer.data.WeewxArchives;
import io.nowcast.trainer.data.WeewxArchives.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nowcast-train on weewx archives, epoch timestamps and US units, through the command line. */
class WeewxAndUnitsCliTest {
    private static final String BARILOCHE = "weather/weewx-bariloche/weewx.sdb";

    private static String oneLine(Run r) {
        return r.err().replace(System.lineSeparator(), "\n");
    }

    /** The real archive, a tiny model: the model's inputs are the station's channel names, with their units. */
    @Test
    void trainsAndEvaluatesOnTheBarilocheArchive(@TempDir Path dir) throws Exception {
        Path archive = SharedData.file(BARILOCHE);
        Assumptions.assumeTrue(archive != null, () -> SharedData.skipReason(BARILOCHE));
        Path out = dir.resolve("model");
        List<String> inputs = List.of("temperature", "humidity", "pressure", "wind_speed", "wind_dir_sin", "wind_dir_cos",
                "time_of_day_sin");
        Run r = NowcastTrainCliTest.run("train", "--data", archive.toString(), "--inputs", String.join(",", inputs),
                "--target", "temperature", "--horizon", "1h", "--delta", "--interval", "1h", "--window", "12",
                "--hidden", "4", "--epochs", "2", "--batch", "32", "--chunk", "16", "--no-progress",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Model m = ModelReader.read(out.resolve("model.ncm"));
        assertEquals(inputs, m.inputs().stream().map(InputSpec::name).toList());
        assertEquals(List.of("°C", "%RH", "hPa", "km/h", "", "", ""), m.inputs().stream().map(InputSpec::unit).toList());
        assertEquals("°C", m.outputs().get(0).unit());
        // On the station's grid and in its units: Bariloche's pressure (≈ 800 m up) near 920 hPa, not 27 inHg
        assertTrue(m.inputs().get(2).mean() > 880 && m.inputs().get(2).mean() < 960, "mean " + m.inputs().get(2).mean());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("At 1h the model's RMSE of temperature is "), report);

        Path evaluated = dir.resolve("evaluation");
        r = NowcastTrainCliTest.run("evaluate", "--model", out.resolve("model.ncm").toString(), "--data", archive.toString(),
                "--train-data", archive.toString(), "--engines", "float", "--out", evaluated.toString());
        assertEquals(0, r.status(), r.err());
        String evaluation = Files.readString(evaluated.resolve("report.md"));
        assertTrue(evaluation.contains("At 1h the model's RMSE of temperature is ") && evaluation.contains(" ridge ("),
                evaluation);
    }

    @Test
    void aRawWindDirectionInputIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("wind.csv"), "timestamp,wind_dir,temperature\n2026-01-01T00:00:00Z,350,1\n");
        Run r = NowcastTrainCliTest.run("train", "--data", csv.toString(), "--inputs", "temperature,wind_dir",
                "--target", "temperature", "--horizon", "1min", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertEquals("nowcast-train train: input wind_dir is a direction in degrees, whose jump from 359° to 0° means "
                + "nothing to a model: use wind_dir_sin,wind_dir_cos instead\n", oneLine(r));
    }

    @Test
    void anUnknownUsUnitsIsOneLineNamingTheFileAndTheRow(@TempDir Path dir) throws Exception {
        Path archive = WeewxArchives.create(dir.resolve("history.db"), new Row(1767225600L, 1, 50.0),
                new Row(1767225900L, 5, 50.0));
        Run r = NowcastTrainCliTest.run("train", "--data", archive.toString(), "--inputs", "temperature",
                "--target", "temperature", "--horizon", "5min", "--interval", "5min", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertEquals("nowcast-train train: " + archive + ": row dateTime=1767225900 (2026-01-01T00:05:00Z): usUnits 5 "
                + "is not a weewx unit system (known: 1 (US), 16 (METRIC), 17 (METRICWX))\n", oneLine(r));
    }

    /** A CSV with epoch-second times and °F, inHg: converted before training, as the normalization shows. */
    @Test
    void epochTimesAndUsUnitsInACsv(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("time,temperature,pressure\n");
        long t0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 6 * 144; i++) {
            double celsius = 10 + 5 * Math.sin(2 * Math.PI * i / 144.0);
            sb.append(t0 + 600L * i).append(".0,").append(String.format(Locale.ROOT, "%.4f,%.5f%n", 32 + 1.8 * celsius,
                    1013.0 / 33.8639));
        }
        Path csv = Files.writeString(dir.resolve("us.csv"), sb);
        Path out = dir.resolve("out");
        Run r = NowcastTrainCliTest.run("train", "--data", csv.toString(), "--timestamp-column", "time",
                "--timestamp-format", "epoch", "--units", "us", "--inputs", "temperature,pressure", "--target",
                "temperature", "--horizon", "1h", "--interval", "10min", "--window", "6", "--hidden", "4", "--epochs", "1",
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Model m = ModelReader.read(out.resolve("model.ncm"));
        assertEquals(10.0, m.inputs().get(0).mean(), 0.5); // °C: the °F file's 50 °F mean
        assertEquals(1013.0, m.inputs().get(1).mean(), 0.01); // hPa
        Run bad = NowcastTrainCliTest.run("train", "--data", csv.toString(), "--units", "imperial", "--inputs",
                "temperature", "--target", "temperature", "--horizon", "1h", "--out", out.toString());
        assertEquals("nowcast-train train: --units 'imperial': expected metric or us\n", oneLine(bad));
    }
}
