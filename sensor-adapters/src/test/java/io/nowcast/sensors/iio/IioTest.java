package io.nowcast.sensors.iio;

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

/** IIO devices in a temporary folder laid out like /sys/bus/iio/devices. */
class IioTest {
    @TempDir
    Path iio;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final FlakySysfs sysfs = new FlakySysfs();

    private SensorSource source(Map<String, String> settings) throws ConfigException {
        Hardware hw = TestHardware.of(sysfs, clock);
        var all = new java.util.HashMap<>(settings);
        all.put("iio-dir", iio.toString());
        return new SensorFactory(hw, clock).create(SensorConfig.of("iio", "iio", all));
    }

    private Path device(String folder, String name, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(iio.resolve(folder));
        Files.writeString(dir.resolve("name"), name + "\n");
        for (var f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue() + "\n");
        }
        return dir;
    }

    @Test
    void bme280DriverUnitsAreConverted() throws IOException {
        // what bmp280-core.c writes for the datasheet example: 25.08 °C -> 25080 m°C,
        // 100653.25 Pa -> comp_press/256000 kPa = 100.653253906, humidity 46.333 %RH -> 46333 m%RH
        device("iio:device0", "bme280", Map.of("in_temp_input", "25080",
                "in_pressure_input", "100.653253906", "in_humidityrelative_input", "46333"));
        try (SensorSource s = source(Map.of("driver", "bme280"))) {
            Reading r = s.read();
            assertEquals(25.08, r.valueOrNaN("temperature"), 1e-9);
            assertEquals(1006.53253906, r.valueOrNaN("pressure"), 1e-9);
            assertEquals(46.333, r.valueOrNaN("humidity"), 1e-9);
        }
    }

    @Test
    void dht11HasNoPressureChannel() throws IOException {
        device("iio:device0", "dht11", Map.of("in_temp_input", "22000", "in_humidityrelative_input", "41000"));
        try (SensorSource s = source(Map.of("device", "iio:device0"))) {
            assertEquals(2, s.channels().size(), "default channels are the files the device has");
            assertEquals(22.0, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void dht11TransientErrorsAreRetried() throws IOException {
        device("iio:device0", "dht11", Map.of("in_temp_input", "22000", "in_humidityrelative_input", "41000"));
        // the dht11 driver's answers when it misses the sensor's reply
        sysfs.failNext("Connection timed out", "Input/output error");
        try (SensorSource s = source(Map.of("driver", "dht11", "channels", "temperature,humidity"))) {
            Reading r = s.read();
            assertTrue(r.allOk(), r.toString());
        }
    }

    @Test
    void persistentErrorsGiveMissingWithTheKernelMessage() throws IOException {
        device("iio:device0", "dht11", Map.of("in_temp_input", "22000", "in_humidityrelative_input", "41000"));
        sysfs.failNext("Resource temporarily unavailable", "Resource temporarily unavailable", "Resource temporarily unavailable");
        try (SensorSource s = source(Map.of("device", "iio:device0", "attempts", "3"))) {
            var c = s.read().channels().get(0);
            assertEquals(ChannelStatus.MISSING, c.status());
            assertTrue(c.reason().contains("Resource temporarily unavailable (3 attempts)"), c.reason());
        }
    }

    @Test
    void aRenumberedDeviceIsFoundByItsDriverName() throws IOException {
        device("iio:device0", "bme280", Map.of("in_temp_input", "21000", "in_pressure_input", "101.3",
                "in_humidityrelative_input", "50000"));
        try (SensorSource s = source(Map.of("driver", "bme280"))) {
            assertTrue(s.read().allOk());
            // unplugged: the folder goes; replugged as device1 next to another device
            deleteTree(iio.resolve("iio:device0"));
            clock.advance(Duration.ofSeconds(10));
            assertEquals(ChannelStatus.MISSING, s.read().channels().get(0).status());
            device("iio:device0", "ads1015", Map.of());
            device("iio:device1", "bme280", Map.of("in_temp_input", "19500", "in_pressure_input", "101.2",
                    "in_humidityrelative_input", "52000"));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(19.5, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void garbageInAFileRejectsThatChannel() throws IOException {
        device("iio:device0", "dht11", Map.of("in_temp_input", "22000", "in_humidityrelative_input", "oops"));
        try (SensorSource s = source(Map.of("device", "iio:device0"))) {
            Reading r = s.read();
            assertEquals(ChannelStatus.REJECTED, r.channel("humidity").orElseThrow().status());
            assertTrue(r.channel("temperature").orElseThrow().isOk());
        }
    }

    @Test
    void anImpossibleValueIsRejected() throws IOException {
        // a dht11 misread can decode as 255 °C
        device("iio:device0", "dht11", Map.of("in_temp_input", "255000", "in_humidityrelative_input", "41000"));
        try (SensorSource s = source(Map.of("device", "iio:device0"))) {
            assertEquals(ChannelStatus.REJECTED, s.read().channel("temperature").orElseThrow().status());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
