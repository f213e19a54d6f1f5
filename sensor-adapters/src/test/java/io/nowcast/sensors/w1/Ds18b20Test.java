package io.nowcast.sensors.w1;

import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.FlakySysfs;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.TestHardware;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DS18B20 through a temporary folder laid out like /sys/bus/w1/devices, with the kernel's error cases. */
class Ds18b20Test {
    private static final String ID = "28-0316a279d3ff";
    // w1_slave as the w1-therm driver prints it: scratchpad 0x0172 = 370/16 = 23.125 °C
    private static final String GOOD = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";

    @TempDir
    Path w1;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final FlakySysfs sysfs = new FlakySysfs();

    private SensorSource source() throws ConfigException {
        Hardware hw = TestHardware.of(sysfs, clock);
        return new SensorFactory(hw, clock).create(SensorConfig.of("soil", "ds18b20",
                Map.of("device", ID, "w1-dir", w1.toString())));
    }

    private void write(String content) throws IOException {
        Files.createDirectories(w1.resolve(ID));
        Files.writeString(w1.resolve(ID).resolve("w1_slave"), content);
    }

    @Test
    void readsTheTemperatureLine() throws IOException {
        write(GOOD);
        try (SensorSource s = source()) {
            assertEquals(23.125, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void negativeTemperatures() throws IOException {
        // -10.125 °C: scratchpad 0xFF5E
        write("5e ff 4b 46 7f ff 0c 10 1a : crc=1a YES\n5e ff 4b 46 7f ff 0c 10 1a t=-10125\n");
        try (SensorSource s = source()) {
            assertEquals(-10.125, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void aFailedCrcIsRejected() throws IOException {
        write("ff ff ff ff ff ff ff ff ff : crc=c9 NO\nff ff ff ff ff ff ff ff ff t=-62\n");
        try (SensorSource s = source()) {
            var c = s.read().channels().get(0);
            assertEquals(ChannelStatus.REJECTED, c.status());
            assertTrue(c.reason().contains("CRC check failed"), c.reason());
        }
    }

    @Test
    void anAllZeroScratchpadIsRejectedThoughTheKernelSaysYes() throws IOException {
        write("00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n");
        try (SensorSource s = source()) {
            assertEquals(ChannelStatus.REJECTED, s.read().channels().get(0).status());
        }
    }

    @Test
    void thePowerOnResetValueIsRejected() throws IOException {
        write("50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n");
        try (SensorSource s = source()) {
            var c = s.read().channels().get(0);
            assertEquals(ChannelStatus.REJECTED, c.status());
            assertTrue(c.reason().startsWith("85 °C power-on reset value"), c.reason());
        }
    }

    @Test
    void anAbsentDeviceIsMissingAndPickedUpWhenItAppears() throws IOException {
        try (SensorSource s = source()) {
            Reading r = s.read();
            assertEquals(ChannelStatus.MISSING, r.channels().get(0).status());
            assertTrue(r.channels().get(0).reason().startsWith("no 1-Wire device"), r.channels().get(0).reason());
            write(GOOD);
            clock.advance(Duration.ofMinutes(1));
            assertEquals(23.125, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void aDeviceThatLeavesTheBusIsMissing() throws IOException {
        write(GOOD);
        try (SensorSource s = source()) {
            assertTrue(s.read().allOk());
            Files.delete(w1.resolve(ID).resolve("w1_slave"));
            Files.delete(w1.resolve(ID));
            clock.advance(Duration.ofSeconds(10));
            var c = s.read().channels().get(0);
            assertEquals(ChannelStatus.MISSING, c.status());
            assertTrue(c.reason().contains("left the bus"), c.reason());
        }
    }

    @Test
    void kernelReadErrorsAreRetried() throws IOException {
        write(GOOD);
        sysfs.failNext("Input/output error");
        try (SensorSource s = source()) {
            assertEquals(23.125, s.read().valueOrNaN("temperature"));
            assertEquals(2, sysfs.reads());
        }
    }

    @Test
    void aTruncatedFileIsATransientFailure() throws IOException {
        write("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n");
        try (SensorSource s = source()) {
            var c = s.read().channels().get(0);
            assertEquals(ChannelStatus.MISSING, c.status());
            assertTrue(c.reason().contains("(3 attempts)"), c.reason());
        }
    }
}
