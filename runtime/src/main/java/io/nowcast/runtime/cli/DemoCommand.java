package io.nowcast.runtime.cli;

import io.nowcast.engine.EngineKind;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.runtime.station.DemoBroker;
import io.nowcast.runtime.station.DemoView;
import io.nowcast.runtime.station.StationClock;
import io.nowcast.runtime.station.StationRunner;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.BrokerSubscription;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.csv.ReadingCsvWriter;
import io.nowcast.sensors.sim.SimulatedStation;
import io.nowcast.sensors.sim.SimulatedWeather;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nowcast demo}: a whole station with nothing to configure. A simulated station, the demo
 * model that ships with the runtime, a Mosquitto of its own on a free port (or {@code --broker}),
 * and a clock faster than real time; observations and forecasts are shown side by side as they
 * arrive over MQTT.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a simulated station and show its observations and forecasts as they arrive over MQTT.",
            "Uses the demo model that ships with the runtime and a Mosquitto broker it starts itself",
            "(or --broker URI), on a clock faster than real time."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo model inside the runtime's jar (how it was trained: docs/station.md, "The demo model"). */
    public static final String DEMO_MODEL = "/demo/demo.ncm";
    private static final String STATION = "demo";
    private static final Instant TRAINING_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long STOP_SECONDS = 20;
    /** tinylog reads its properties from system properties too, until its first log line. */
    private static final String LOG_LEVEL = "tinylog.writer.level";

    @Option(names = "--broker", paramLabel = "URI", description = "Use this broker (tcp://HOST:PORT) instead of starting one.")
    String broker;

    @Option(names = "--speed", defaultValue = "3600", paramLabel = "X",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--forecasts", defaultValue = "0", paramLabel = "N", description = "Stop after N forecasts (default: run until Ctrl-C).")
    long forecasts;

    @Option(names = "--engine", defaultValue = "float", paramLabel = "ENGINE", description = "float or q16 (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--model", paramLabel = "FILE", description = "Run this model instead of the shipped demo model.")
    Path model;

    @Option(names = "--write-training-data", paramLabel = "FILE",
            description = "Instead of running: write the simulated station's readings (one a minute from 2025-01-01, "
                    + "seed 1) as a CSV for nowcast-train, and stop.")
    Path trainingData;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Days of training data (default: ${DEFAULT-VALUE}).")
    int days;

    @Spec
    CommandSpec spec;

    private final CountDownLatch finished = new CountDownLatch(1); // the station and broker are stopped
    private volatile StationRunner running; // for the Ctrl-C hook
    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty(LOG_LEVEL) == null) {
            // The demo's output is its table: the station's info lines would break it up. Warnings stay.
            System.setProperty(LOG_LEVEL, "warn");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (trainingData != null) {
            writeTrainingData(out);
            return 0;
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be a number > 0, got " + speed);
        }
        EngineKind kind = EngineKind.of(engine);
        Path dir = Files.createTempDirectory("nowcast-demo-");
        Thread stop = new Thread(() -> { // Ctrl-C: stop the station, then wait until the broker is stopped too
            stopRequested = true;
            StationRunner r = running;
            if (r != null) {
                r.stop();
            }
            try {
                finished.await(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nowcast-demo-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            Path modelFile = dir.resolve("demo.ncm");
            Files.write(modelFile, modelBytes());
            Model m = ModelReader.read(modelFile);
            if (broker == null) {
                Files.createDirectories(dir.resolve("broker"));
                try (DemoBroker own = DemoBroker.start(dir.resolve("broker"), out)) {
                    run(out, dir, modelFile, m, kind, own.uri(), "mosquitto_sub -h 127.0.0.1 -p " + own.port()
                            + " -t 'nowcast/#' -v");
                }
            } else {
                java.net.URI u = new java.net.URI(broker);
                run(out, dir, modelFile, m, kind, broker, "mosquitto_sub -h " + u.getHost() + " -p " + u.getPort()
                        + " -t 'nowcast/#' -v");
            }
        } finally {
            deleteTree(dir);
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // Stopping on Ctrl-C: the hook is waiting for `finished`, which is now counted down.
            out.flush();
        }
        return 0;
    }

    private byte[] modelBytes() throws IOException {
        return model != null ? Files.readAllBytes(model) : demoModelBytes();
    }

    /** The demo model's file, from inside the runtime's jar. */
    static byte[] demoModelBytes() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("this build has no demo model (" + DEMO_MODEL + "); give --model FILE");
            }
            return in.readAllBytes();
        }
    }

    private void run(PrintWriter out, Path dir, Path modelFile, Model m, EngineKind kind, String uri, String watch)
            throws Exception {
        StationConfig c = new StationConfig(STATION, dir.resolve("station"), modelFile, kind.word(), 2, 1,
                16L << 20, BrokerSettings.plain(uri, "nowcast-demo-" + UUID.randomUUID().toString().substring(0, 8)),
                false, "homeassistant", 3, List.of(SensorConfig.of("sim", "simulated", Map.of("interval", "60s"))));
        out.printf("Nowcast demo: a simulated station '%s', model %s (%d inputs, window %d x %d s, %s engine),%n",
                STATION, modelFile.getFileName(), m.inputCount(), m.window(), m.intervalSeconds(), kind.word());
        out.printf("broker %s, clock %.0fx real time (one %d s interval every %.2f s).%n", uri, speed, m.intervalSeconds(),
                m.intervalSeconds() / speed);
        out.printf("Watch the raw MQTT messages in another terminal:%n  %s%n", watch);
        out.printf("Forecasts start once the window is full (%.1f s).%n%n", m.window() * m.intervalSeconds() / speed);
        out.flush();
        DemoView view = new DemoView(out);
        view.header();
        StationTopics topics = new StationTopics(STATION);
        PrintWriter err = spec.commandLine().getErr();
        // The view subscribes again after a broker restart (--broker), as the station's publisher reconnects.
        BrokerSettings viewSettings = new BrokerSettings(uri, "nowcast-demo-view-" + UUID.randomUUID().toString().substring(0, 8),
                1, null, null, null, null, null, 30, 1, 5);
        Instant now = Instant.now();
        try (BrokerSubscription display = BrokerSubscription.open(viewSettings, List.of(topics.observation(), topics.forecast()),
                    (t, payload) -> view.message(t, new String(payload, StandardCharsets.UTF_8)),
                    notice -> err.println("demo: " + notice));
                StationRunner runner = StationRunner.open(c, StationClock.accelerated(now, now, speed))) {
            running = runner;
            runner.run(forecasts);
            awaitShown(view, runner.service().outbox());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot connect to " + uri + ": " + BrokerLogin.describe(e));
        }
        out.printf("%nShown %d forecasts.%n", view.forecastsShown());
        out.flush();
    }

    /**
     * After the last forecast is made: waits until the view has shown every forecast, or, when it
     * missed some (a broker restart while it was away), until the outbox is empty and nothing new
     * came for a while; at most 30 s.
     */
    private void awaitShown(DemoView view, Outbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long quietSince = System.nanoTime();
        long shown = view.forecastsShown();
        while (forecasts > 0 && view.forecastsShown() < forecasts && !stopRequested && System.nanoTime() < deadline) {
            if (outbox.pending() > 0 || view.forecastsShown() != shown) {
                shown = view.forecastsShown();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3)) {
                return; // all delivered; what the view missed while away will not come
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** The simulated station's readings, one a minute, as nowcast-train reads them. */
    private void writeTrainingData(PrintWriter out) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        try (SimulatedStation sim = new SimulatedStation("sim", new SimulatedWeather(1, ZoneOffset.UTC, 10),
                SimulatedStation.allChannels(), Clock.fixed(TRAINING_START, ZoneOffset.UTC), Duration.ofMinutes(1));
                Writer w = Files.newBufferedWriter(trainingData, StandardCharsets.UTF_8)) {
            long rows = new ReadingCsvWriter(w, sim.channels()).writeAll(sim.history(TRAINING_START, Duration.ofMinutes(1), days * 1440L));
            out.printf("%s: %d readings of %s, one a minute from %s%n", trainingData, rows,
                    sim.channels().stream().map(io.nowcast.sensors.Channel::name).toList(), TRAINING_START);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
