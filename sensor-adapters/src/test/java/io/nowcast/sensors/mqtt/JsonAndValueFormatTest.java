package io.nowcast.sensors.mqtt;

import io.nowcast.history.UsUnits;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.nowcast.history.Quantity.*;
import static io.nowcast.sensors.mqtt.Sources.assertOk;
import static io.nowcast.sensors.mqtt.Sources.channel;
import static io.nowcast.sensors.mqtt.Sources.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tasmota's telemetry through the {@code json} format and ESPHome's sensor states through the
 * {@code value} format.
 */
class JsonAndValueFormatTest {
    /**
     * Tasmota documentation, "Home Assistant" page, "HTU and BMP I2C sensors": what a device with both
     * sensors publishes every TelePeriod on {@code tele/<topic>/SENSOR}.
     */
    static final String TASMOTA_HTU_BMP = "{\"Time\":\"2017-02-12T16:16:43\", \"HTU21\":{\"Temperature\":24.0, "
            + "\"Humidity\":34.0}, \"BMP280\":{\"Temperature\":24.9, \"Pressure\":1032.5}}";
    /** The same page, "Manual updates": Tasmota's answer to Status 10 then held its values as strings. */
    static final String TASMOTA_STATUS10 = "{\"StatusSNS\":{\"Time\":\"2017-02-11T18:06:05\", \"DHT22\":{\"Temperature\":\"21.8\", "
            + "\"Humidity\":\"48.0\"}}}";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final HandFedLink link = new HandFedLink();

    @Test
    void jsonChannelsAreDottedPathsIntoTasmotasNestedObjects() {
        MqttSource s = Sources.fielded(link, clock, MqttFormat.JSON, "tele/sonoff2/SENSOR",
                field("temperature", TEMPERATURE, "HTU21.Temperature", PayloadUnit.CELSIUS),
                field("humidity", HUMIDITY, "HTU21.Humidity", PayloadUnit.PERCENT),
                field("pressure", PRESSURE, "BMP280.Pressure", PayloadUnit.HECTOPASCAL),
                field("box_temperature", TEMPERATURE, "BMP280.Temperature", PayloadUnit.FAHRENHEIT));
        assertEquals(List.of("tele/sonoff2/SENSOR"), link.topics());
        link.publish("tele/sonoff2/SENSOR", TASMOTA_HTU_BMP);
        Reading r = s.read();
        assertOk(r, "temperature", 24.0, 0);
        assertOk(r, "humidity", 34.0, 0);
        assertOk(r, "pressure", 1032.5, 0);
        assertOk(r, "box_temperature", (24.9 - 32) / 1.8, 1e-12); // as if the device reported °F (TempUnit F)
    }

    @Test
    void aJsonFieldThatIsNotANumberIsRejected() {
        MqttSource s = Sources.fielded(link, clock, MqttFormat.JSON, "stat/tasmota/STATUS10",
                field("temperature", TEMPERATURE, "StatusSNS.DHT22.Temperature", PayloadUnit.CELSIUS),
                field("humidity", HUMIDITY, "StatusSNS.DHT22", PayloadUnit.PERCENT));
        link.publish("stat/tasmota/STATUS10", TASMOTA_STATUS10);
        Reading r = s.read();
        assertEquals("StatusSNS.DHT22.Temperature is \"21.8\", not a number", channel(r, "temperature").reason());
        assertEquals("StatusSNS.DHT22 is an object, not a number", channel(r, "humidity").reason());
    }

    @Test
    void aRainTotalInAJsonFieldIsDifferenced() {
        MqttSource s = Sources.fielded(link, clock, MqttFormat.JSON, "garden/rain",
                new MqttChannel(new io.nowcast.sensors.Channel("rain", "rain", RAIN), "rain.total", PayloadUnit.INCH, true));
        link.publish("garden/rain", "{\"rain\":{\"total\":1.50}}");
        link.publish("garden/rain", "{\"rain\":{\"total\":1.52}}");
        assertOk(s.read(), "rain", 0.02 * 25.4, 1e-9);
    }

    /**
     * ESPHome: a sensor's state on {@code <topic_prefix>/sensor/<name>/state} (esphome.io, MQTT Client
     * Component, "state_topic"), written by mqtt_sensor.cpp's {@code publish_state} as
     * {@code value_accuracy_to_string(value, accuracy_decimals)}: {@code 21.50} with two decimals, and
     * {@code nan} when the sensor has no value.
     */
    @Test
    void espHomeStatesAreOneNumberPerTopic() {
        MqttSource s = Sources.fielded(link, clock, MqttFormat.VALUE, null,
                field("temperature", TEMPERATURE, "weather-node/sensor/outside_temperature/state", PayloadUnit.CELSIUS),
                field("wind_speed", WIND_SPEED, "weather-node/sensor/wind_speed/state", PayloadUnit.METRE_PER_SECOND),
                field("rain", RAIN, "weather-node/sensor/+/rain", PayloadUnit.MILLIMETRE));
        assertEquals(List.of("weather-node/sensor/outside_temperature/state", "weather-node/sensor/wind_speed/state",
                "weather-node/sensor/+/rain"), link.topics());
        link.publish("weather-node/sensor/outside_temperature/state", "21.50");
        link.publish("weather-node/sensor/wind_speed/state", "3.2");
        link.publish("weather-node/sensor/gauge/rain", "0.3");          // a wildcard channel
        link.publish("weather-node/sensor/gauge/rain", "0.2");          // amounts: summed
        Reading r = s.read();
        assertOk(r, "temperature", 21.5, 0);
        assertOk(r, "wind_speed", 3.2 * UsUnits.KMH_PER_MS, 1e-12);
        assertOk(r, "rain", 0.5, 1e-12);
        link.publish("weather-node/sensor/outside_temperature/state", "nan");
        ChannelReading t = channel(s.read(), "temperature");
        assertEquals(ChannelStatus.REJECTED, t.status());
        assertEquals("weather-node/sensor/outside_temperature/state says \"nan\", not a number", t.reason());
        link.publish("weather-node/sensor/outside_temperature/state", " 21.75\n");
        assertOk(s.read(), "temperature", 21.75, 0);
    }

    @Test
    void valuePayloadsThatParseDoubleWouldTakeAreNotNumbers() {
        MqttSource s = Sources.fielded(link, clock, MqttFormat.VALUE, null,
                field("temperature", TEMPERATURE, "t", PayloadUnit.CELSIUS));
        for (String p : new String[] {"NaN", "Infinity", "0x1p3", "21d", "21,5", "{\"v\":21}", "", "unavailable"}) {
            link.publish("t", p);
            assertEquals(ChannelStatus.REJECTED, channel(s.read(), "temperature").status(), p);
        }
        link.publish("t", "-1e1");
        assertOk(s.read(), "temperature", -10, 0);
    }
}
