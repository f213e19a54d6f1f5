package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.runtime.station.update.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RollbackCommandTest {
    private static CliRun rollback(Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(new RollbackCommand()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--config", config.toString());
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void goesBackOneModelAndThenSaysThereIsNoneBefore(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("model.ncm");
        ModelWriter.write(TestModels.weather(6, 600), base);
        Path config = Files.write(dir.resolve("station.conf"), List.of("station.id = st", "station.data_dir = data",
                "model.file = model.ncm", "mqtt.broker = tcp://127.0.0.1:1", "sensor.t.type = simulated"));
        byte[] update = ModelWriter.toBytes(TestModels.weather(8, 600));
        Path data = dir.resolve("data");
        try (ModelStore s = ModelStore.open(data, base)) {
            Path staged = s.stage(12, update);
            s.commit(12, ModelInfo.of("v12.ncm", update, "float").sha256());
            assertEquals(staged, s.current().file());
            CliRun held = rollback(config);
            assertEquals(1, held.exitCode());
            assertEquals("rollback: " + data.resolve("models") + ": another nowcast process (a running station, or "
                    + "nowcast rollback) holds the model store; stop the station first (systemctl stop nowcast)",
                    held.err().strip());
        }
        CliRun r = rollback(config);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("rolled back from version 12 (" + data.resolve("models/v12.ncm") + ") to version 0 ("
                + base + ", sha256 "), r.out());
        try (ModelStore s = ModelStore.open(data, base)) {
            assertEquals(0, s.current().version());
            assertEquals(12, s.highest().version());
        }
        CliRun again = rollback(config);
        assertEquals(1, again.exitCode());
        assertEquals("rollback: " + data.resolve("models") + ": no previous model to roll back to; the station runs "
                + "version 0 (" + base + ")", again.err().strip());
    }
}
