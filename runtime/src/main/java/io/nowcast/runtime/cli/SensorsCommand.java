package io.nowcast.runtime.cli;

import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Durations;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.config.SensorConfigException;
import io.nowcast.sensors.i2c.I2cScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code nowcast sensors}: for setting up a station. Lists the sensors configured in a station's
 * configuration file and reads each once, or ({@code --scan}) lists the devices that answer on
 * an I2C bus.
 */
@Command(name = "sensors", mixinStandardHelpOptions = true,
        description = {"Lists the sensors configured in a station's configuration file and reads each once,",
                "or with --scan lists the devices that answer on an I2C bus."},
        footer = {"", "Exit status: 0 every channel read OK (or the scan ran); 1 a sensor or the bus could not be",
                "read; 2 bad input (options, configuration file). See docs/sensors.md."})
public final class SensorsCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int SENSOR_TROUBLE = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "the station's configuration file (sensor.<id>.<key> = value)")
    Path config;

    @Option(names = "--scan", description = "list the addresses that answer on an I2C bus instead")
    boolean scan;

    @Option(names = "--bus", paramLabel = "N", description = "the I2C bus to scan, /dev/i2c-N (default: 1)")
    Integer bus;

    @Option(names = "--verbose", description = "show stack traces of errors")
    boolean verbose;

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

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (bus != null && !scan) {
            err.println("nowcast sensors: --bus goes with --scan");
            return BAD_INPUT;
        }
        if (!scan && config == null) {
            err.println("nowcast sensors: give --config FILE (the station's configuration) or --scan");
            return BAD_INPUT;
        }
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            Hardware hw = hardware != null ? hardware.get() : platform.hardware();
            return scan ? scan(hw, bus == null ? 1 : bus) : readAll(hw);
        } catch (SensorConfigException | IOException e) {
            return fail(e, BAD_INPUT);
        } catch (SensorException e) {
            return fail(e, SENSOR_TROUBLE);
        }
    }

    /** One line on stderr, or with --verbose the exception itself for picocli to print in full. */
    private int fail(Exception e, int status) throws Exception {
        if (verbose) {
            throw e;
        }
        spec.commandLine().getErr().println("nowcast sensors: " + e.getMessage());
        return status;
    }

    private int scan(Hardware hw, int busNumber) throws SensorException {
        PrintWriter out = spec.commandLine().getOut();
        List<Integer> found = new I2cScanner(hw.i2c()).scan(busNumber);
        out.printf(Locale.ROOT, "%s: %d device%s answer%n", hw.i2c().describe(busNumber), found.size(),
                found.size() == 1 ? "" : "s");
        for (int address : found) {
            out.printf(Locale.ROOT, "  0x%02x  %s%n", address, I2cScanner.likelyDevice(address));
        }
        return OK;
    }

    private int readAll(Hardware hw) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IllegalArgumentException e) {
            throw new SensorConfigException(config + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("cannot read " + config + " (" + e.getClass().getSimpleName() + ")", e);
        }
        List<SensorConfig> configs = SensorConfig.fromProperties(properties, config.toString());
        if (configs.isEmpty()) {
            throw new SensorConfigException(config + ": no sensors (keys sensor.<id>.type = ...)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<SensorSource> sources = new SensorFactory(hw, clock).createAll(configs);
        boolean allOk = true;
        try {
            for (int i = 0; i < sources.size(); i++) {
                SensorSource s = sources.get(i);
                Reading r = s.read();
                allOk &= r.allOk();
                out.printf(Locale.ROOT, "%s (%s, every %s) at %s%n", s.id(), s.type(),
                        Durations.format(configs.get(i).interval()), r.time());
                for (ChannelReading c : r.channels()) {
                    out.println("  " + describe(c));
                }
            }
        } finally {
            sources.forEach(SensorSource::close);
        }
        return allOk ? OK : SENSOR_TROUBLE;
    }

    private static String describe(ChannelReading c) {
        if (c.isOk()) {
            String unit = c.quantity().unit().isEmpty() ? "" : " " + c.quantity().unit();
            return String.format(Locale.ROOT, "%-14s %s%s", c.name(), c.value(), unit);
        }
        return String.format(Locale.ROOT, "%-14s %s: %s", c.name(), c.status(), c.reason());
    }
}
