package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.engine.testing.ReferenceLstm;
import io.nowcast.history.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nowcast predict} on the real weewx archive of the Bariloche station (US units, 30-minute
 * records), against a reference computed here with plain SQL: each interval's values are the
 * average of the archive's rows in it, converted by hand (°F → °C, inHg → hPa).
 */
class PredictWeewxTest {
    private static final String BARILOCHE = "weather/weewx-bariloche/weewx.sdb";
    private static final int T = 3;
    private static final long INTERVAL = 1800;

    @TempDir
    Path dir;

    private static Model model() {
        Model m = RandomModels.model(9, new RandomModels.Shape(2, new int[] {4}, 1, T), WeightType.F32,
                CellActivation.TANH, GateActivation.SIGMOID);
        List<InputSpec> inputs = List.of(new InputSpec("temperature", "°C", 10f, 8f),
                new InputSpec("pressure_sea_level", "hPa", 1013f, 10f));
        return new Model(m.weightType(), m.cellActivation(), m.gateActivation(), T, (int) INTERVAL, inputs,
                m.outputs(), "", m.layers(), m.headWeights(), m.headBias());
    }

    @Test
    void anArchiveIsResampledAndConvertedLikeTheStationWould() throws Exception {
        Path archive = SharedData.file(BARILOCHE);
        Assumptions.assumeTrue(archive != null, () -> SharedData.skipReason(BARILOCHE));
        // Named .csv on purpose: the SQLite header decides, not the name.
        Path copy = Files.copy(archive, dir.resolve("export.csv"));
        Path model = dir.resolve("m.ncm");
        Model m = model();
        ModelWriter.write(m, model);

        CliRun run = CliRun.of("predict", "--model", model.toString(), "--input", copy.toString(), "--with-time");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("timestamp,out0", lines[0]);
        assertTrue(lines.length > 1000, "windows over a year of half-hourly records: " + lines.length);

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + archive)) {
            for (String line : List.of(lines[1], lines[lines.length / 2], lines[lines.length - 1])) {
                Instant last = Instant.parse(line.split(",")[0]);
                double[][] window = new double[T][];
                for (int t = 0; t < T; t++) {
                    window[t] = interval(db, last.getEpochSecond() - (T - 1 - t) * INTERVAL);
                }
                double expected = ReferenceLstm.outputs(m, window)[0];
                assertEquals(expected, Double.parseDouble(line.split(",")[1]), 1e-4 * Math.max(1, Math.abs(expected)),
                        "window ending " + last);
            }
        }
    }

    /** The mean °C and hPa of the rows in [t − 900 s, t + 900 s), all in US units (usUnits = 1) in this archive. */
    private static double[] interval(Connection db, long t) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT avg((outTemp - 32) / 1.8), avg(barometer * 33.8639),"
                + " min(usUnits), max(usUnits) FROM archive WHERE dateTime >= ? AND dateTime < ?"
                + " AND outTemp IS NOT NULL AND barometer IS NOT NULL")) {
            q.setLong(1, t - INTERVAL / 2);
            q.setLong(2, t + INTERVAL / 2);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertEquals(1, r.getInt(3), "US units");
                assertEquals(1, r.getInt(4), "US units");
                return new double[] {r.getDouble(1), r.getDouble(2)};
            }
        }
    }
}
