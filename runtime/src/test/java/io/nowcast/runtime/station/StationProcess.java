package io.nowcast.runtime.station;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StationProcessMain} as a separate JVM (the test's own class path, a capped heap). */
final class StationProcess {
    private final Path dir;
    private final Path config;
    private final Instant origin;
    private final Instant wallAtOrigin = Instant.now();
    private final double speed;
    private final List<String> extraArgs;
    private int starts;

    /** Writes the model and the configuration for a station {@code proc} on {@code brokerUri}. */
    StationProcess(Path dir, String brokerUri, Model model, Instant origin, double speed, List<String> extraConfig,
            List<String> extraArgs) throws IOException {
        this.dir = dir;
        this.origin = origin;
        this.speed = speed;
        this.extraArgs = extraArgs;
        Files.createDirectories(dir);
        ModelWriter.write(model, dir.resolve("model.ncm"));
        List<String> lines = new ArrayList<>(List.of("station.id = proc", "station.data_dir = data", "model.file = model.ncm",
                "mqtt.broker = " + brokerUri, "mqtt.reconnect_min_seconds = 1", "mqtt.reconnect_max_seconds = 1",
                "homeassistant.discovery = false",
                "sensor.unused.type = simulated")); // a station file needs a sensor; StationProcessMain reads SyntheticFeed
        lines.addAll(extraConfig);
        this.config = dir.resolve("station.conf");
        Files.write(config, lines);
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Process start(String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StationProcessMain.class.getName());
        cmd.add(config.toString());
        cmd.add(origin.toString());
        cmd.add(Long.toString(wallAtOrigin.toEpochMilli()));
        cmd.add(Double.toString(speed));
        cmd.addAll(extraArgs);
        Path log = dir.resolve("station-" + ++starts + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Rows in the station's CSV history so far (every file, headers not counted). */
    long historyRows() throws IOException {
        Path history = dataDir().resolve("history");
        if (!Files.isDirectory(history)) {
            return 0;
        }
        long rows = 0;
        try (var files = Files.list(history)) {
            for (Path f : files.toList()) {
                rows += Math.max(0, Files.readAllLines(f).size() - 1);
            }
        }
        return rows;
    }

    /** The next forecast and observation seq the station recorded: {observation, forecast}. */
    long[] seqFile() throws IOException {
        SeqCounters.Saved saved = SeqCounters.read(dataDir().resolve("seq"));
        return new long[] {saved.nextObservation(), saved.nextForecast()};
    }
}
