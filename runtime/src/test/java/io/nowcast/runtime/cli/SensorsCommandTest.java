package io.nowcast.runtime.cli;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.cli.CliErrors;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SysfsReader;
import io.nowcast.sensors.gpio.GpioInputs;
import io.nowcast.sensors.i2c.I2cBus;
import io.nowcast.sensors.i2c.I2cDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensorsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Bus 1 where only the given addresses answer a one-byte read. */
    private static I2cBus busWith(Set<Integer> answering) {
        return new I2cBus() {
            @Override
            public boolean exists(int bus) {
                return bus == 1;
            }

            @Override
            public I2cDevice open(int bus, int address) {
                return new I2cDevice() {
                    private void answer() throws SensorException {
                        if (!answering.contains(address)) {
                            throw SensorException.failure("Remote I/O error");
                        }
                    }

                    @Override
                    public int readRegister(int register) throws SensorException {
                        answer();
                        return 0;
                    }

                    @Override
                    public void writeRegister(int register, int value) throws SensorException {
                        answer();
                    }

                    @Override
                    public void readRegisters(int first, byte[] buffer, int length) throws SensorException {
                        answer();
                    }

                    @Override
                    public void write(byte[] data, int length) throws SensorException {
                        answer();
                    }

                    @Override
                    public void read(byte[] buffer, int length) throws SensorException {
                        answer();
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                };
            }
        };
    }

    private static final GpioInputs NO_GPIO = new GpioInputs() {
        @Override
        public DigitalInput open(String id, int pin, PullResistance pull) throws SensorException {
            throw SensorException.failure("no GPIO in this test");
        }

        @Override
        public void release(DigitalInput input) {
            throw new IllegalStateException("nothing was opened");
        }
    };

    /** Stands in for NowcastCli: the inherited --verbose and the house error handler, around sensors. */
    @Command(name = "nowcast")
    static final class Root {
        @Option(names = "--verbose", scope = ScopeType.INHERIT)
        boolean verbose;
    }

    private int run(String... args) {
        Hardware hw = new Hardware(busWith(Set.of(0x44, 0x76)), NO_GPIO, SysfsReader.FILES, d -> { }, System::nanoTime);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        CommandLine cl = CliErrors.install(new CommandLine(new Root())
                .addSubcommand("sensors", new SensorsCommand(() -> hw, clock)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sensors";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("station.properties"), text);
    }

    private String[] errLines() {
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void readsEveryConfiguredSensorOnce() throws IOException {
        Path history = Files.writeString(dir.resolve("h.csv"), "timestamp,temperature\n2026-01-01T00:00:00Z,3.5\n");
        Path f = config("station.id = garden\n"
                + "sensor.sim.type = simulated\nsensor.sim.seed = 3\nsensor.sim.channels = temperature, pressure:station_pressure\n"
                + "sensor.old.type = csv-replay\nsensor.old.file = " + history + "\n");
        assertEquals(0, run("--config", f.toString()), err.toString());
        String o = out.toString();
        assertTrue(o.contains("sim (simulated, every 10s) at 2026-11-28T12:00:00Z"), o);
        assertTrue(o.matches("(?s).*station_pressure +\\d+\\.\\d+ hPa.*"), o);
        assertTrue(o.contains("old (csv-replay, every 10s) at 2026-01-01T00:00:00Z"), o);
        assertTrue(o.contains("temperature    3.5 °C"), o);
        assertEquals("", err.toString());
    }

    @Test
    void aSensorThatCannotBeReadShowsWhyAndExitsOne() throws IOException {
        Path f = config("sensor.soil.type = ds18b20\nsensor.soil.device = 28-0316a279d3ff\nsensor.soil.w1-dir = "
                + dir.resolve("w1") + "\n");
        assertEquals(3, run("--config", f.toString()));
        assertTrue(out.toString().contains("temperature    MISSING: no 1-Wire device"), out.toString());
    }

    /** The one line {@code nowcast sensors} prints for a configuration {@code text} that is wrong, after checking exit 1. */
    private String failure(String text) throws IOException {
        err.getBuffer().setLength(0);
        Path f = config(text);
        assertEquals(1, run("--config", f.toString()));
        assertEquals(1, errLines().length, err.toString());
        return errLines()[0].replace(f.toString(), "FILE");
    }

    @Test
    void everySensorMistakeIsOneLineNamingFileLineAndKey() throws IOException {
        assertEquals("nowcast sensors: FILE:3: sensor.outside.type is already set on line 1",
                failure("sensor.outside.type = bme280\nsensor.outside.bus = 1\nsensor.outside.type = bmp280\n"));
        assertTrue(failure("sensor.outside.type = bme280\nsensor.outside.adress = 0x76\n")
                .startsWith("nowcast sensors: FILE:2: sensor.outside.adress: unknown key for a bme280 sensor (known: "), err.toString());
        assertEquals("nowcast sensors: FILE:3: sensor.outside.timeout = '5 sec': '5 sec' is not a duration: write a whole "
                        + "number and a unit (150ms, 10s, 5min or 5m, 1h, 2d) or ISO-8601 (PT10M)",
                failure("station.id = garden\nsensor.outside.type = bme280\nsensor.outside.timeout = 5 sec\n"));
        assertEquals("nowcast sensors: FILE:2: sensor.soil.device is missing (a ds18b20 sensor needs it)",
                failure("# the soil probe\nsensor.soil.type = ds18b20\nsensor.soil.interval = 1min\n"));
        assertEquals("nowcast sensors: FILE:2: unknown key 'mqtt.brokr' (see docs/station.md)",
                failure("sensor.sim.type = simulated\nmqtt.brokr = tcp://h:1\n"), "the same reader as nowcast run");
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Path f = config("sensor.outside.type = bme280\nsensor.outside.address = 0x99\n");
        assertEquals(1, run("--config", f.toString(), "--verbose"));
        assertTrue(err.toString().contains("io.nowcast.sensors.config.ConfigException"), err.toString());
        assertTrue(err.toString().contains("\tat io.nowcast."), err.toString());
    }

    @Test
    void aMissingFileIsOneLine() {
        assertEquals(1, run("--config", dir.resolve("nope.properties").toString()));
        assertEquals(1, errLines().length, err.toString());
        assertEquals("nowcast sensors: " + dir.resolve("nope.properties") + ": no such configuration file", errLines()[0]);
    }

    @Test
    void aFileWithoutSensorsIsOneLine() throws IOException {
        Path f = config("station.id = garden\n");
        assertEquals(1, run("--config", f.toString()));
        assertEquals(1, errLines().length, err.toString());
        assertEquals("nowcast sensors: " + f + ": no sensor configured (add sensor.<id>.type = ..., see docs/sensors.md)",
                errLines()[0]);
    }

    @Test
    void nothingToDoIsAUsageError() {
        assertEquals(2, run());
        assertEquals("nowcast sensors: give --config FILE (the station's configuration) or --scan"
                + " (see 'nowcast sensors --help')", errLines()[0]);
        err.getBuffer().setLength(0);
        assertEquals(2, run("--bus", "1"));
        assertEquals("nowcast sensors: --bus goes with --scan (see 'nowcast sensors --help')", errLines()[0]);
    }

    @Test
    void scanListsTheAnsweringAddresses() {
        assertEquals(0, run("--scan"));
        assertEquals("/dev/i2c-1: 2 devices answer\n  0x44  SHT3x / SHT4x\n  0x76  BME280 / BMP280\n", out.toString());
    }

    @Test
    void scanningABusThatIsNotThereIsOneLine() {
        assertEquals(1, run("--scan", "--bus", "9"));
        assertEquals(1, errLines().length);
        assertTrue(errLines()[0].startsWith("nowcast sensors: no I2C bus /dev/i2c-9"), err.toString());
    }

    @Test
    void fitsUnderTheRealNowcastCommandLine() {
        // the lead wires SensorsCommand into NowcastCli; its inherited --verbose must not clash
        Hardware hw = new Hardware(busWith(Set.of(0x77)), NO_GPIO, SysfsReader.FILES, d -> { }, System::nanoTime);
        CommandLine cl = NowcastCli.commandLine().addSubcommand("sensors-under-test",
                new SensorsCommand(() -> hw, Clock.systemUTC()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("sensors-under-test", "--scan", "--verbose"), err.toString());
        assertEquals("/dev/i2c-1: 1 device answer\n  0x77  BME280 / BMP280\n", out.toString());
    }
}
