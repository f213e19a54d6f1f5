package io.nowcast.sensors;

import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.i2c.I2cScanner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same checks as the fake-bus tests, against a real BME280/BMP280 on a real I2C bus (bus 1, or
 * NOWCAST_I2C_BUS). Skipped, saying why, on a machine without that bus or without the sensor.
 */
class RealHardwareTest {
    private int bus;

    @BeforeEach
    void needsABus() {
        bus = Integer.parseInt(System.getenv().getOrDefault("NOWCAST_I2C_BUS", "1"));
        Path node = Path.of("/dev/i2c-" + bus);
        skipUnless(Files.exists(node), "no I2C bus " + node + " on this machine (set NOWCAST_I2C_BUS to use another)");
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED RealHardwareTest: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    @Test
    void aRealBoschSensorReadsPlausibleWeather() throws Exception {
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            Hardware hw = platform.hardware();
            List<Integer> found = new I2cScanner(hw.i2c()).scan(bus);
            int address = found.contains(0x76) ? 0x76 : found.contains(0x77) ? 0x77 : -1;
            skipUnless(address > 0, "nothing answers at 0x76 or 0x77 on /dev/i2c-" + bus + " (found " + found + ")");
            for (String type : List.of("bme280", "bmp280")) {
                SensorConfig c = SensorConfig.of("real", type, Map.of("bus", Integer.toString(bus),
                        "address", "0x" + Integer.toHexString(address)));
                try (SensorSource s = new SensorFactory(hw, Clock.systemUTC()).create(c)) {
                    Reading r = s.read();
                    System.out.println("RealHardwareTest " + type + ": " + r);
                    if (r.allOk()) {
                        double t = r.valueOrNaN("temperature");
                        double p = r.valueOrNaN("pressure");
                        assertTrue(t > -40 && t < 85, "temperature " + t);
                        assertTrue(p > 300 && p < 1100, "pressure " + p);
                        return;
                    }
                }
            }
            throw new AssertionError("a device answers at 0x" + Integer.toHexString(address) + " but reads as neither BME280 nor BMP280");
        }
    }
}
