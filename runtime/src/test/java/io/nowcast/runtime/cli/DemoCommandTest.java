package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(new DemoCommand()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void startsItsOwnBrokerAndShowsObservationsAndForecastsSideBySide() throws Exception {
        Mosquitto.binary(); // fails with the install command when the broker is missing
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("m.ncm"));
        Run r = run("--model", dir.resolve("m.ncm").toString(), "--speed", "6000", "--forecasts", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*mosquitto_sub -h 127\\.0\\.0\\.1 -p \\d+ -t 'nowcast/#' -v.*"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.contains("│") && l.contains("temperature_1h")).toList();
        assertEquals(3, rows.size(), r.out());
        assertTrue(rows.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d0 +T -?\\d+\\.\\d °C +RH \\d+\\.\\d %RH.*│ temperature_1h \\+1h -?\\d+\\.\\d °C.*"),
                rows.get(0));
        assertTrue(r.out().contains("Shown 3 forecasts."), r.out());
    }

    @Test
    void usesABrokerGivenOnTheCommandLine() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            ModelWriter.write(TestModels.weather(3, 600), dir.resolve("m.ncm"));
            Run r = run("--broker", broker.tcpUri(), "--model", dir.resolve("m.ncm").toString(), "--speed", "6000",
                    "--forecasts", "2", "--engine", "q16");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("broker " + broker.tcpUri()), r.out());
            assertTrue(r.out().contains("mosquitto_sub -h 127.0.0.1 -p " + broker.port()), r.out());
            assertTrue(r.out().contains("Shown 2 forecasts."), r.out());
        }
    }

    @Test
    void writesTheSimulatedStationsReadingsForTheTrainer() throws Exception {
        Path csv = dir.resolve("sim.csv");
        Run r = run("--write-training-data", csv.toString(), "--days", "1");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("timestamp,temperature,humidity,pressure,rain,wind_speed", lines.get(0));
        assertEquals(1 + 1440, lines.size(), "one reading a minute for a day");
        assertTrue(lines.get(1).startsWith("2025-01-01T00:00:00Z,"), lines.get(1));
        assertTrue(lines.get(1440).startsWith("2025-01-01T23:59:00Z,"), lines.get(1440));
    }

    @Test
    void aBadEngineIsOneLine() {
        Run r = run("--engine", "double", "--forecasts", "1");
        assertEquals(1, r.exit());
        assertEquals("demo: engine 'double' is not float or q16", r.err().strip());
    }
}
