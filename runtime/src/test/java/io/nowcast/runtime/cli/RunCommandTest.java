package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.MqttSchemas;
import io.nowcast.runtime.station.Subscriber;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.runtime.station.update.Updates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(new RunCommand()));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, err.toString());
    }

    /** A station with the simulated sensor, the test model (600 s interval, window 3), on this broker. */
    private Path config(String broker, String... extra) throws Exception {
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("model.ncm"));
        List<String> lines = new ArrayList<>(List.of("station.id = sim", "station.data_dir = data", "model.file = model.ncm",
                "mqtt.broker = " + broker, "sensor.yard.type = simulated", "sensor.yard.interval = 60s",
                "sensor.yard.channels = temperature, humidity, pressure"));
        lines.addAll(List.of(extra));
        Path f = dir.resolve("station.conf");
        Files.write(f, lines);
        return f;
    }

    @Test
    void runsTheSimulatedStationAndStopsAfterTheForecastsAskedFor() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "run-sub", "#")) {
            Path conf = config(broker.tcpUri(), "model.engine = q16");
            // 6000x: one 600 s interval every 0.1 s of wall time.
            Run r = run("--config", conf.toString(), "--clock-speed", "6000", "--forecasts", "3");
            assertEquals(0, r.exit(), r.err());
            io.nowcast.runtime.station.Await.until("3 forecasts and offline", 20, () -> sub.on("/forecast").size() >= 3
                    && sub.on("/status").stream().anyMatch(m -> m.payload().equals("offline")));
            for (Subscriber.Received m : sub.all()) {
                MqttSchemas.assertValid(m.topic(), m.payload());
            }
            JsonNode f = sub.on("/forecast").get(0).json();
            assertEquals("q16", f.get("engine").asText());
            assertEquals("sim", f.get("station").asText());
            assertTrue(sub.all().stream().anyMatch(m -> m.topic().equals("homeassistant/sensor/nowcast_sim/obs_pressure/config")),
                    "discovery is on by default");
            List<String> history;
            try (var files = Files.list(dir.resolve("data/history"))) {
                history = Files.readAllLines(files.findFirst().orElseThrow());
            }
            assertEquals("timestamp,temperature,humidity,pressure", history.get(0));
            assertTrue(history.size() >= 4, "a history row per interval: " + history);
        }
    }

    /**
     * {@code nowcast run} with {@code model.update.public_key}: a signed update retained on the broker
     * before the station starts is taken, and runs from an interval on; seq goes on by one across the
     * swap, and the retained {@code model} message and the health's {@code model_update} say so.
     */
    @Test
    void aRetainedSignedUpdateIsTakenBetweenTwoIntervals() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "run-sub", "nowcast/#")) {
            Updates.Signer signer = Updates.Signer.create(dir.resolve("keys"), "workstation");
            Path conf = config(broker.tcpUri(), "model.update.public_key = keys/workstation.pub");
            byte[] next = Updates.model(1, 600, 3, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
            org.eclipse.paho.client.mqttv3.MqttClient workstation = new org.eclipse.paho.client.mqttv3.MqttClient(
                    broker.tcpUri(), "workstation", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            workstation.connect();
            workstation.publish("nowcast/sim/model/update", Updates.message("sim", 1, signer, next), 1, true);
            workstation.disconnect();
            workstation.close();
            Run r = run("--config", conf.toString(), "--clock-speed", "6000", "--forecasts", "20");
            assertEquals(0, r.exit(), r.err());
            io.nowcast.runtime.station.Await.until("20 forecasts and offline", 20, () -> sub.on("/forecast").size() >= 20
                    && sub.on("/status").stream().anyMatch(m -> m.payload().equals("offline")));
            String nextSha = io.nowcast.runtime.station.ModelInfo.load(dir.resolve("data/models/v1.ncm"), "float").sha256();
            List<Long> seqs = new ArrayList<>();
            List<String> models = new ArrayList<>();
            for (Subscriber.Received m : sub.on("/forecast")) {
                JsonNode f = m.json();
                seqs.add(f.get("seq").asLong());
                models.add(f.get("model_sha256").asText());
            }
            assertEquals(java.util.stream.LongStream.range(0, 20).boxed().toList(), seqs.stream().sorted().distinct().toList());
            assertTrue(models.contains(nextSha), "the update runs: " + models);
            assertEquals(nextSha, models.get(models.size() - 1));
            assertEquals(nextSha, sub.newest("/sim/model").get("sha256").asText());
            assertTrue(sub.on("/health").stream().anyMatch(m -> m.payload().contains("\"model_update\":{\"result\":\"accepted\"")),
                    "model_update accepted on the health topic");
            for (Subscriber.Received m : sub.all()) {
                if (!m.topic().endsWith("/model/update")) {
                    MqttSchemas.assertValid(m.topic(), m.payload());
                }
            }
        }
    }

    @Test
    void speedIsTheOlderNameOfClockSpeed() {
        RunCommand a = new RunCommand();
        new CommandLine(a).parseArgs("--config", "x.conf", "--speed", "60");
        assertEquals(60, a.speed);
        RunCommand b = new RunCommand();
        new CommandLine(b).parseArgs("--config", "x.conf", "--clock-speed", "3600");
        assertEquals(3600, b.speed);
        Run r = run("--config", "x.conf", "--clock-speed", "0");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--clock-speed must be a number > 0, got 0.0"), r.err());
    }

    @Test
    void aBadConfigurationIsOneLineNamingTheLine() throws Exception {
        Path conf = config("tcp://127.0.0.1:1", "mqtt.qos = 7");
        Run r = run("--config", conf.toString());
        assertEquals(1, r.exit());
        assertEquals("run: " + conf + ":8: mqtt.qos is '7', allowed a whole number in 0..2", r.err().strip());
    }

    @Test
    void anUnknownSensorKeyIsOneLine() throws Exception {
        Path conf = config("tcp://127.0.0.1:1", "sensor.yard.colour = blue");
        Run r = run("--config", conf.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().split("\\R").length, r.err());
        assertTrue(r.err().contains("sensor.yard.colour"), r.err());
    }

    @Test
    void twoSensorsDeliveringOneChannelNameIsOneLineNamingTheLine() throws Exception {
        Path conf = config("tcp://127.0.0.1:1", "sensor.zz.type = simulated", "sensor.zz.channels = humidity");
        Run r = run("--config", conf.toString());
        assertEquals(1, r.exit());
        assertEquals("run: " + conf + ":9: sensor.zz.channels: sensor yard delivers a channel 'humidity' too; rename one "
                + "with sensor.<id>.channels (see docs/sensors.md)", r.err().strip());
    }

    @Test
    void aModelInputNoSensorDeliversIsOneLine() throws Exception {
        Path conf = config("tcp://127.0.0.1:1");
        Files.write(conf, Files.readAllLines(conf).stream()
                .map(l -> l.startsWith("sensor.yard.channels") ? "sensor.yard.channels = temperature, pressure" : l).toList());
        Run r = run("--config", conf.toString());
        assertEquals(1, r.exit());
        assertEquals("run: " + dir.resolve("model.ncm") + ": model input 'humidity' is neither a sensor channel ([temperature, "
                + "pressure]), nor the _sin/_cos of a direction channel, nor a derived feature", r.err().strip());
    }

    @Test
    void aCaFileThatIsNotPemIsOneLine() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        Path conf = config("ssl://127.0.0.1:1", "mqtt.tls.ca_file = ca.pem");
        Run r = run("--config", conf.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().split("\\R").length, r.err());
        assertTrue(r.err().startsWith("run: CA file " + dir.resolve("ca.pem") + " cannot be read as PEM certificates"), r.err());
    }

    @Test
    void aMissingFileIsOneLine() {
        Run r = run("--config", dir.resolve("none.conf").toString());
        assertEquals(1, r.exit());
        assertEquals("run: " + dir.resolve("none.conf") + ": no such configuration file", r.err().strip());
    }
}
