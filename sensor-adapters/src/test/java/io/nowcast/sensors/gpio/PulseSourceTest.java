package io.nowcast.sensors.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.RecordingSleeper;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.SysfsReader;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.i2c.FakeI2cBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rain gauge and anemometer on Pi4J's mock digital input, with contact bounce. */
class PulseSourceTest {
    private Context pi4j;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private SensorFactory factory;

    @BeforeEach
    void pi4j() {
        pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
        Hardware hw = new Hardware(new FakeI2cBus(), new Pi4jGpioInputs(() -> pi4j, MockDigitalInputProvider.ID),
                SysfsReader.FILES, new RecordingSleeper(), clock::nanoTime);
        factory = new SensorFactory(hw, clock);
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private MockDigitalInput pin() {
        var inputs = pi4j.registry().allByType(DigitalInput.class);
        assertEquals(1, inputs.size());
        return (MockDigitalInput) inputs.values().iterator().next();
    }

    /** A switch closure (pull-up: LOW) that bounces: closed, open for 1 ms, closed, open after {@code hold}. */
    private void bouncyClosure(MockDigitalInput pin, DigitalState closed, DigitalState open, Duration hold) {
        pin.mockState(closed);
        clock.advance(Duration.ofMillis(1));
        pin.mockState(open);
        clock.advance(Duration.ofMillis(1));
        pin.mockState(closed);
        clock.advance(hold);
        pin.mockState(open);
    }

    @Test
    void rainGaugeCountsTipsOnceDespiteBounce() throws ConfigException {
        try (SensorSource rain = factory.create(SensorConfig.of("rain", "rain-gauge", Map.of("pin", "6")))) {
            Reading first = rain.read();                 // opens the pin; nothing has tipped yet
            assertEquals(0.0, first.valueOrNaN("rain"));
            MockDigitalInput pin = pin();
            pin.mockState(DigitalState.HIGH);            // pulled up, switch open
            bouncyClosure(pin, DigitalState.LOW, DigitalState.HIGH, Duration.ofMillis(50));
            clock.advance(Duration.ofSeconds(5));
            bouncyClosure(pin, DigitalState.LOW, DigitalState.HIGH, Duration.ofMillis(50));
            clock.advance(Duration.ofSeconds(5));
            Reading r = rain.read();
            // two tips of 0.2794 mm (SparkFun SEN-15901 weather meter datasheet)
            assertEquals(2 * 0.2794, r.valueOrNaN("rain"), 1e-12);
            clock.advance(Duration.ofSeconds(10));
            assertEquals(0.0, rain.read().valueOrNaN("rain"), "rain is counted since the previous reading");
        }
    }

    @Test
    void anemometerGivesTheMeanSpeedSinceThePreviousReading() throws ConfigException {
        try (SensorSource wind = factory.create(SensorConfig.of("wind", "anemometer", Map.of("pin", "5")))) {
            wind.read();
            MockDigitalInput pin = pin();
            pin.mockState(DigitalState.HIGH);
            for (int i = 0; i < 10; i++) {               // 10 closures in 5 s: 2 Hz
                bouncyClosure(pin, DigitalState.LOW, DigitalState.HIGH, Duration.ofMillis(20));
                clock.advance(Duration.ofMillis(478));
            }
            Reading r = wind.read();
            // 10 pulses / 5 s · 2.4 km/h per Hz = 4.8 km/h
            assertEquals(4.8, r.valueOrNaN("wind_speed"), 1e-9);
        }
    }

    @Test
    void pullDownInputsCountRisingEdges() throws ConfigException {
        try (SensorSource rain = factory.create(SensorConfig.of("rain", "rain-gauge",
                Map.of("pin", "6", "pull", "down", "mm-per-tip", "0.5")))) {
            rain.read();
            MockDigitalInput pin = pin();
            pin.mockState(DigitalState.LOW);
            bouncyClosure(pin, DigitalState.HIGH, DigitalState.LOW, Duration.ofMillis(50));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(0.5, rain.read().valueOrNaN("rain"));
        }
    }

    @Test
    void anImpossibleWindSpeedIsRejected() throws ConfigException {
        try (SensorSource wind = factory.create(SensorConfig.of("wind", "anemometer",
                Map.of("pin", "5", "debounce", "0ms", "max-speed", "100")))) {
            wind.read();
            MockDigitalInput pin = pin();
            pin.mockState(DigitalState.HIGH);
            for (int i = 0; i < 50; i++) {               // 50 Hz of electrical noise for 1 s
                pin.mockState(DigitalState.LOW);
                clock.advance(Duration.ofMillis(10));
                pin.mockState(DigitalState.HIGH);
                clock.advance(Duration.ofMillis(10));
            }
            var c = wind.read().channels().get(0);
            assertEquals(ChannelStatus.REJECTED, c.status());   // 50 Hz · 2.4 = 120 km/h > 100
            assertTrue(c.reason().contains("outside the physical range 0..100 km/h"), c.reason());
        }
    }

    @Test
    void closingReleasesThePin() throws ConfigException {
        SensorSource rain = factory.create(SensorConfig.of("rain", "rain-gauge", Map.of("pin", "6")));
        rain.read();
        assertEquals(1, pi4j.registry().allByType(DigitalInput.class).size());
        rain.close();
        assertEquals(0, pi4j.registry().allByType(DigitalInput.class).size());
    }

    @Test
    void debounceIgnoresEdgesCloserThanTheWindow() {
        PulseCounter c = new PulseCounter(Duration.ofMillis(10).toNanos(), clock::nanoTime);
        c.edge();
        clock.advance(Duration.ofMillis(9));
        c.edge();                                        // bounce, 9 ms after the counted edge
        clock.advance(Duration.ofMillis(1));
        c.edge();                                        // 10 ms after: a new pulse
        assertEquals(2, c.take());
        assertEquals(0, c.take());
    }
}
