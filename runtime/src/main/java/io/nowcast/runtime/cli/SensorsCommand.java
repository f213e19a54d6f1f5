package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import io.nowcast.history.Durations;
import io.nowcast.runtime.sensors.SensorBrokers;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.i2c.I2cScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code nowcast sensors}: for setting up a station. Lists the sensors configured in a station's
 * configuration file and reads each once (an mqtt sensor once each channel has had a message, at
 * most {@code --wait}), or ({@code --scan}) lists the devices that answer on an I2C bus.
 */
@Command(name = "sensors", mixinStandardHelpOptions = true,
        description = {"List the configured sensors and read each once, or scan an I2C bus.",
                "Reads every sensor of a station's configuration file once; with --scan, lists the devices",
                "that answer on an I2C bus."},
        footer = {"", "An mqtt sensor is read once its channels have had a message, or after --wait.",
                "", "Exit status: 0 every channel read OK (or the scan ran); 1 bad configuration, unreadable",
                "file or no such I2C bus; 2 usage error; 3 a sensor gave a MISSING or REJECTED channel.",
                "See docs/sensors.md."})
public final class SensorsCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int SENSOR_TROUBLE = 3;

    @Option(names = "--config", paramLabel = "FILE", description = "The station's configuration file (sensor.<id>.<key> = value).")
    Path config;

    @Option(names = "--scan", description = "List the addresses that answer on an I2C bus instead.")
    boolean scan;

    @Option(names = "--bus", paramLabel = "N", description = "The I2C bus to scan, /dev/i2c-N (default: 1).")
    Integer bus;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for an mqtt sensor's first messages (default: ${DEFAULT-VALUE}).")
    String waitFor;

    @Spec
    CommandSpec spec;

    private final Supplier<Hardware> hardware;   // null: the real Pi4J platform
    private final Clock clock;

    public SensorsCommand() {
        this(null, Clock.systemUTC());
    }

    /** For tests: the given hardware instead of Pi4J's. */
    SensorsCommand(Supplier<Hardware> hardware, Clock clock) {
        this.hardware = hardware;
        this.clock = clock;
    }

    /**
     * Failures are thrown: the {@code nowcast} command line ({@link CliErrors}) prints them as one
     * line, or with {@code --verbose} with the stack trace.
     */
    @Override
    public Integer call() throws IOException {
        if (bus != null && !scan) {
            throw new ParameterException(spec.commandLine(), "--bus goes with --scan");
        }
        if (!scan && config == null) {
            throw new ParameterException(spec.commandLine(), "give --config FILE (the station's configuration) or --scan");
        }
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            Hardware hw = hardware != null ? hardware.get() : platform.hardware();
            return scan ? scan(hw, bus == null ? 1 : bus) : readAll(hw);
        }
    }

    private int scan(Hardware hw, int busNumber) throws IOException {
        List<Integer> found;
        try {
            found = new I2cScanner(hw.i2c()).scan(busNumber);
        } catch (SensorException e) {
            throw new IOException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d device%s answer%n", hw.i2c().describe(busNumber), found.size(),
                found.size() == 1 ? "" : "s");
        for (int address : found) {
            out.printf(Locale.ROOT, "  0x%02x  %s%n", address, I2cScanner.likelyDevice(address));
        }
        out.flush();
        return OK;
    }

    private int readAll(Hardware hw) throws IOException {
        Duration wait = waitDuration();
        StationConfig.SensorSetup setup = StationConfig.sensorSetup(config, System.getenv());
        List<SensorConfig> configs = setup.sensors();
        PrintWriter out = spec.commandLine().getOut();
        List<SensorSource> sources = new SensorFactory(hw, clock,
                SensorBrokers.forCheck(setup.broker(), setup.clientIdBase(), System.getenv())).createAll(configs);
        boolean allOk = true;
        try {
            awaitData(sources, wait);
            for (int i = 0; i < sources.size(); i++) {
                SensorSource s = sources.get(i);
                Reading r = s.read();
                allOk &= r.allOk();
                out.printf(Locale.ROOT, "%s (%s, every %s) at %s%n", s.id(), s.describe(),
                        Durations.format(configs.get(i).interval()), r.time());
                for (ChannelReading c : r.channels()) {
                    out.println("  " + describe(c));
                }
            }
        } finally {
            sources.forEach(SensorSource::close);
        }
        out.flush();
        return allOk ? OK : SENSOR_TROUBLE;
    }

    private Duration waitDuration() {
        try {
            return Durations.parse(waitFor);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--wait " + waitFor + ": " + e.getMessage());
        }
    }

    /** Gives sources fed over MQTT time for their first messages, all at once; the others return at once. */
    private static void awaitData(List<SensorSource> sources, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (SensorSource s : sources) {
                s.awaitData(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // read what there is
        }
    }

    private static String describe(ChannelReading c) {
        if (c.isOk()) {
            String unit = c.quantity().unit().isEmpty() ? "" : " " + c.quantity().unit();
            return String.format(Locale.ROOT, "%-14s %s%s", c.name(), c.value(), unit);
        }
        return String.format(Locale.ROOT, "%-14s %s: %s", c.name(), c.status(), c.reason());
    }
}
