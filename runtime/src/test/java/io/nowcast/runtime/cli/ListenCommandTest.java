package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ListenCommandTest {
    @TempDir
    Path dir;

    private static String forecast(long seq, double value) {
        return "{\"station\":\"garden\",\"seq\":" + seq + ",\"issued\":\"2026-11-28T12:05:00Z\","
                + "\"window_end\":\"2026-11-28T12:00:00Z\",\"model_sha256\":\"" + "ab".repeat(32) + "\",\"engine\":\"float\","
                + "\"outputs\":[{\"name\":\"temperature_3h\",\"unit\":\"°C\",\"horizon_s\":10800,"
                + "\"valid\":\"2026-11-28T15:00:00Z\",\"value\":" + value + "}],\"degraded\":" + (seq == 6)
                + ",\"reasons\":[" + (seq == 6 ? "\"humidity: 1 of 24 intervals had no valid reading\"" : "")
                + "],\"saturated\":false,\"inference_us\":153}";
    }

    @Test
    void printsEachForecastOnceAsATable() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ListenCommand());
            cli.setOut(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread listen = new Thread(() -> exit.set(cli.execute("--broker", broker.tcpUri(), "--station", "garden",
                    "--count", "2")));
            listen.start();
            Await.until("listen to subscribe", 10, () -> out.toString().contains("listening on"));
            MqttClient pub = new MqttClient(broker.tcpUri(), "pub", new MemoryPersistence());
            pub.connect();
            for (String payload : new String[] {forecast(5, 12.4071), forecast(5, 12.4071), "not json", forecast(6, 13.0)}) {
                pub.publish("nowcast/garden/forecast", payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            pub.disconnect();
            pub.close();
            listen.join(20_000);
            assertEquals(0, exit.get());
            String text = out.toString();
            assertEquals(1, text.split("garden #5 ", -1).length - 1, "the QoS 1 repeat is shown once:\n" + text);
            assertTrue(text.contains("garden #5  issued 2026-11-28 12:05:00Z  from 2026-11-28 12:00:00Z  float 153 µs"), text);
            assertTrue(text.contains("  temperature_3h                +3h  2026-11-28 15:00:00Z  12.41 °C"), text);
            assertTrue(text.contains("nowcast/garden/forecast: not a forecast payload: not json"), text);
            assertTrue(text.contains("  DEGRADED: humidity: 1 of 24 intervals had no valid reading"), text);
        }
    }

    /** A skill message as a station sends it (docs/mqtt.md), figures for one output and three periods. */
    private static String skill() {
        String period = "{\"count\":%d,\"rmse\":%s,\"mae\":0.31,\"bias\":-0.02,\"persistence_rmse\":0.53,"
                + "\"persistence_mae\":0.4,\"persistence_bias\":0.01,\"skill\":%s}";
        return "{\"station\":\"garden\",\"model_sha256\":\"" + "ab".repeat(32) + "\",\"model\":\"garden.ncm\","
                + "\"newest_hour\":\"2026-11-28T12:00:00Z\",\"min_scored\":100,\"fallback\":\"persistence\",\"outputs\":["
                + "{\"name\":\"temperature\",\"unit\":\"°C\",\"horizon_s\":3600,\"channel\":\"temperature\","
                + "\"worse_than_persistence\":false,\"published\":\"model\","
                + "\"24h\":" + String.format(period, 144, "0.412", "0.2226415") + ",\"7d\":" + String.format(period, 1008, "0.45",
                        "0.1509434") + ",\"30d\":" + String.format(period, 0, "null", "null") + "}]}";
    }

    @Test
    void withSkillPrintsTheRetainedSkillOfEachStationAsATable() throws Exception {
        io.nowcast.runtime.station.MqttSchemas.assertValid("nowcast/garden/skill", skill());
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            MqttClient pub = new MqttClient(broker.tcpUri(), "pub", new MemoryPersistence());
            pub.connect();
            pub.publish("nowcast/garden/skill", skill().getBytes(StandardCharsets.UTF_8), 1, true); // retained, before listen
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ListenCommand());
            cli.setOut(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread listen = new Thread(() -> exit.set(cli.execute("--broker", broker.tcpUri(), "--skill", "--count", "2")));
            listen.start();
            Await.until("listen to subscribe", 10, () -> out.toString().contains("listening on"));
            pub.publish("nowcast/garden/skill", "[1]".getBytes(StandardCharsets.UTF_8), 1, false);
            pub.publish("nowcast/garden/skill", skill().replace("0.412", "0.5").getBytes(StandardCharsets.UTF_8), 1, false);
            pub.disconnect();
            pub.close();
            listen.join(20_000);
            assertEquals(0, exit.get());
            String text = out.toString();
            assertTrue(text.contains("listening on " + broker.tcpUri() + " for nowcast/+/skill"), text);
            assertTrue(text.contains("garden  model garden.ncm (abababababab)  fallback persistence  newest hour "
                    + "2026-11-28T12:00:00Z"), text);
            assertTrue(text.contains(String.format("  %-20s %8s  %6s %6s %9s %12s %9s %9s %9s  %s%n", "temperature", "3600s",
                    "24h", "144", "0.4120", "0.5300", "0.223", "0.3100", "-0.0200", "model")), text);
            assertTrue(text.contains(String.format("  %-20s %8s  %6s %6s %9s %12s %9s %9s %9s  %s%n", "temperature", "3600s",
                    "30d", "0", "—", "0.5300", "—", "0.3100", "-0.0200", "model")), text);
            assertTrue(text.contains("  0.5000"), "the second message: " + text);
            assertTrue(text.contains("nowcast/garden/skill: not a skill payload: [1]"), text);
        }
    }

    @Test
    void listensOverTlsWithACaFile() throws Exception {
        TestCertificates pki = TestCertificates.create(dir.resolve("pki"));
        List<String> listener = List.of("allow_anonymous true", "cafile " + pki.caCert(), "certfile " + pki.serverCert(),
                "keyfile " + pki.serverKey());
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), listener)) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ListenCommand());
            cli.setOut(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread listen = new Thread(() -> exit.set(cli.execute("--broker", broker.sslUri(), "--ca-file",
                    pki.caCert().toString(), "--count", "1")));
            listen.start();
            Await.until("listen to subscribe over TLS", 10, () -> out.toString().contains("listening on"));
            MqttClient pub = new MqttClient(broker.sslUri(), "tls-pub", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setSocketFactory(io.nowcast.broker.TlsSockets.factory(new io.nowcast.broker
                    .BrokerSettings(broker.sslUri(), "tls-pub", 1, null, null, pki.caCert(), null, null, 30, 1, 1)));
            pub.connect(o);
            pub.publish("nowcast/garden/forecast", forecast(7, 1.0).getBytes(StandardCharsets.UTF_8), 1, false);
            pub.disconnect();
            pub.close();
            listen.join(20_000);
            assertEquals(0, exit.get());
            assertTrue(out.toString().contains("garden #7 "), out.toString());
        }
    }

    @Test
    void anUnreachableBrokerIsOneLine() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(new ListenCommand()));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--broker", "tcp://127.0.0.1:" + Mosquitto.freePort(), "--count", "1");
        assertEquals(1, code);
        assertEquals(1, err.toString().split("\\R").length, err.toString());
        assertTrue(err.toString().contains("cannot connect to tcp://127.0.0.1:"), err.toString());
    }
}
