package io.nowcast.sensors;

import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.i2c.FakeBme280;
import io.nowcast.sensors.i2c.FakeI2cBus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources built from configuration, end to end on fake hardware. */
class SensorFactoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));

    @Test
    void aBme280ThatIsUnpluggedAndReplugggedComesBackReinitialised() throws ConfigException {
        FakeBme280 chip = FakeBme280.withExampleCalibration();
        SensorFactory factory = new SensorFactory(TestHardware.of(new FakeI2cBus().plug(0x77, chip), SysfsReader.FILES, clock), clock);
        try (SensorSource s = factory.create(SensorConfig.of("outside", "bme280",
                Map.of("address", "0x77", "channels", "temperature, pressure:station_pressure")))) {
            assertEquals(List.of("temperature", "station_pressure"), s.channels().stream().map(Channel::name).toList());
            chip.queue(519888, 415148, 30000);
            Reading r = s.read();
            assertEquals(25.08, r.valueOrNaN("temperature"), 1e-9);
            assertEquals(1006.5325, r.valueOrNaN("station_pressure"), 1e-3);
            assertEquals(1, chip.resets());

            chip.disconnect();
            clock.advance(Duration.ofSeconds(10));
            Reading gone = s.read();
            assertEquals(ChannelStatus.MISSING, gone.channels().get(0).status());
            assertEquals("Remote I/O error", gone.channels().get(0).reason());

            chip.reconnect();
            chip.queue(519900, 415100, 30000);
            clock.advance(Duration.ofSeconds(10));
            Reading back = s.read();
            assertTrue(back.allOk(), back.toString());
            assertEquals(2, chip.resets(), "reset and calibration read again on the way back");
        }
    }

    @Test
    void anEmptyAddressIsMissingNotAnException() throws ConfigException {
        SensorFactory factory = new SensorFactory(TestHardware.of(new FakeI2cBus(), SysfsReader.FILES, clock), clock);
        try (SensorSource s = factory.create(SensorConfig.of("in", "sht4x", Map.of()))) {
            Reading r = s.read();
            assertEquals(List.of(ChannelStatus.MISSING, ChannelStatus.MISSING),
                    r.channels().stream().map(ChannelReading::status).toList());
        }
    }

    @Test
    void theSimulatedTypeUsesItsSeedAndTheInjectedClock() throws ConfigException {
        SensorFactory factory = new SensorFactory(TestHardware.of(SysfsReader.FILES, clock), clock);
        try (SensorSource a = factory.create(SensorConfig.of("sim", "simulated", Map.of("seed", "42")));
             SensorSource b = factory.create(SensorConfig.of("sim", "simulated", Map.of("seed", "42")))) {
            Reading ra = a.read();
            assertEquals(ra, b.read());
            assertEquals(clock.instant(), ra.time());
            assertEquals(5, ra.channels().size());
        }
    }
}
