package io.nowcast.runtime.doctor;

import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.i2c.I2cBus;
import io.nowcast.sensors.i2c.I2cScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One configured sensor answers: for an I2C sensor, its bus is there and this user may open it;
 * then the sensor is read once, as {@code nowcast sensors} reads it. A read never throws: a fault is
 * a MISSING or REJECTED channel with its reason; for an I2C sensor the bus is then scanned to say
 * whether anything answers at the configured address.
 */
final class SensorCheck implements Check {
    /**
     * How long to wait for an mqtt sensor's first message on every channel: devices send every 16 to
     * 60 s (rtl_433's Fine Offset WH1080: 48 s; ESPHome's default update interval: 60 s). Every
     * sensor is subscribed before the first check, so the waits overlap.
     */
    static final Duration WAIT_FOR_DATA = Duration.ofSeconds(60);

    private final SensorConfig config;
    private final SensorSource source;
    private final I2cBus i2c;
    private final String user;

    SensorCheck(SensorConfig config, SensorSource source, I2cBus i2c, String user) {
        this.config = config;
        this.source = source;
        this.i2c = i2c;
        this.user = user;
    }

    /** True for the sensor types on an I2C bus (those with a {@code bus} key). */
    static boolean onI2c(SensorConfig config) {
        return config.value("bus").isPresent();
    }

    @Override
    public CheckResult run() {
        String subject = "sensor " + config.id();
        String what = source.describe();
        if (onI2c(config)) {
            int bus = config.integer("bus");
            what += " at " + hex(config.address("address")) + " on " + i2c.describe(bus);
            if (!i2c.exists(bus)) {
                return CheckResult.fail(subject, what + ": no I2C bus " + i2c.describe(bus), "enable I2C (raspi-config > "
                        + "Interface Options > I2C, or dtparam=i2c_arm=on in config.txt, then reboot), or correct "
                        + config.where("bus"));
            }
            Path node = Path.of(i2c.describe(bus));
            if (Files.exists(node) && !(Files.isReadable(node) && Files.isWritable(node))) {
                return CheckResult.fail(subject, what + ": user " + user + " may not open " + node,
                        "sudo usermod -aG i2c " + user + ", then log in again");
            }
        }
        try {
            source.awaitData(WAIT_FOR_DATA); // an mqtt sensor: its first messages; others return at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reading r = source.read();
        if (r.allOk()) {
            return CheckResult.pass(subject, what + ": " + join(r.channels()));
        }
        List<ChannelReading> bad = r.channels().stream().filter(c -> !c.isOk()).toList();
        if (onI2c(config)) {
            int bus = config.integer("bus");
            List<Integer> found;
            try {
                found = new I2cScanner(i2c).scan(bus);
            } catch (SensorException e) {
                return CheckResult.fail(subject, what + ": " + e.getMessage(), "correct " + config.where("bus"));
            }
            if (!found.contains(config.address("address"))) {
                return CheckResult.fail(subject, what + ": nothing answers at that address (answering: "
                        + (found.isEmpty() ? "none" : found.stream().map(SensorCheck::hex).collect(Collectors.joining(", ")))
                        + ")", "check the wiring and the power, or correct " + config.where("address")
                        + " (nowcast sensors --scan --bus " + bus + " lists what answers)");
            }
        }
        return CheckResult.fail(subject, what + ": " + join(bad), "see the reason; the faults and what they mean: "
                + "docs/sensors.md#faults; nowcast sensors --config FILE reads it again");
    }

    private static String hex(int address) {
        return String.format(Locale.ROOT, "0x%02x", address);
    }

    private static String join(List<ChannelReading> channels) {
        return channels.stream().map(ChannelReading::toString).collect(Collectors.joining(", "));
    }
}
