package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nowcast listen} and {@code nowcast demo --broker} go on across a restart of the broker. */
class BrokerRestartViewsTest {
    @TempDir
    Path dir;

    /** A command running on its own thread, its output captured. */
    private static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(Object command, String... args) {
            CommandLine cli = CliErrors.install(new CommandLine(command));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(cli.execute(args)), "command-under-test");
            thread.start();
        }

        int join() throws InterruptedException {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "still running:\n" + out + err);
            return exit.get();
        }
    }

    private static String forecast(long seq) {
        return "{\"station\":\"garden\",\"seq\":" + seq + ",\"issued\":\"2026-11-28T12:05:00Z\","
                + "\"window_end\":\"2026-11-28T12:00:00Z\",\"model_sha256\":\"" + "ab".repeat(32) + "\",\"engine\":\"float\","
                + "\"outputs\":[{\"name\":\"temperature_3h\",\"unit\":\"°C\",\"horizon_s\":10800,"
                + "\"valid\":\"2026-11-28T15:00:00Z\",\"value\":1.5}],\"degraded\":false,\"reasons\":[],"
                + "\"saturated\":false,\"inference_us\":153}";
    }

    private static void publish(Mosquitto broker, String payload) throws Exception {
        MqttClient pub = new MqttClient(broker.tcpUri(), "pub-" + System.nanoTime(), new MemoryPersistence());
        pub.connect();
        pub.publish("nowcast/garden/forecast", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        pub.disconnect();
        pub.close();
    }

    @Test
    void listenSubscribesAgainAfterTheBrokerRestarts() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Running listen = new Running(new ListenCommand(), "--broker", broker.tcpUri(), "--station", "garden",
                    "--count", "2");
            Await.until("listen to subscribe", 10, () -> listen.out.toString().contains("listening on"));
            publish(broker, forecast(1));
            Await.until("the first forecast", 10, () -> listen.out.toString().contains("garden #1 "));

            broker.stop();
            Await.until("listen to notice", 10, () -> listen.err.toString().contains("lost the connection to "
                    + broker.tcpUri()));
            TimeUnit.SECONDS.sleep(2);
            broker.start();
            Await.until("listen to subscribe again", 20, () -> listen.err.toString().contains("connected to "
                    + broker.tcpUri() + " again; listening"));
            publish(broker, forecast(2));

            assertEquals(0, listen.join(), listen.err.toString());
            assertTrue(listen.out.toString().contains("garden #2 "), listen.out.toString());
        }
    }

    @Test
    void theDemoGoesOnShowingForecastsAfterTheBrokerRestarts() throws Exception {
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("m.ncm"));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            // One 10-minute interval every 0.25 s: about 25 s for 100 forecasts.
            Running demo = new Running(new DemoCommand(), "--broker", broker.tcpUri(), "--model",
                    dir.resolve("m.ncm").toString(), "--speed", "2400", "--forecasts", "100");
            Await.until("the first forecasts", 30, () -> rows(demo) >= 3);

            broker.stop();
            TimeUnit.SECONDS.sleep(2);
            broker.start();
            Await.until("the view to subscribe again", 20, () -> demo.err.toString().contains("again; listening"));
            int before = rows(demo);
            Await.until("forecasts after the restart", 30, () -> rows(demo) >= before + 5);

            assertEquals(0, demo.join(), demo.err.toString());
            assertTrue(demo.out.toString().contains("Shown "), demo.out.toString());
            assertFalse(demo.err.toString().contains("Client is disconnected"), demo.err.toString());
        }
    }

    /** Lines of the demo's table that show a forecast. */
    private static int rows(Running demo) {
        return (int) demo.out.toString().lines().filter(l -> l.contains("│") && l.contains("temperature_1h")).count();
    }
}
