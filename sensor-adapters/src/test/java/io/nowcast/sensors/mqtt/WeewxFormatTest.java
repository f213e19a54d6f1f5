package io.nowcast.sensors.mqtt;

import io.nowcast.history.UsUnits;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.nowcast.history.Quantity.*;
import static io.nowcast.sensors.mqtt.Sources.assertOk;
import static io.nowcast.sensors.mqtt.Sources.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * weewx-mqtt's aggregate loop packets (matthewwall/weewx-mqtt). The field names are those its
 * README.md lists under "How to verify" for {@code unit_system = METRIC} ({@code outTemp_C},
 * {@code outHumidity}, {@code pressure_mbar}, {@code barometer_mbar}, {@code rain_cm},
 * {@code rainRate_cm_per_hour}, {@code windSpeed_kph}, {@code windGust_kph}, {@code windDir},
 * {@code dewpoint_C}, {@code radiation_Wpm2}, {@code UV}, {@code illuminance}, {@code dayRain_cm},
 * {@code hourRain_cm}, {@code rain24_cm}...), and for US units the labels its bin/user/mqtt.py
 * {@code UNIT_REDUCTIONS} makes of weewx's US units ({@code degree_F} → {@code _F}, {@code inch} →
 * {@code _in}, {@code mile_per_hour} → {@code _mph}; {@code inHg} and {@code inch_per_hour} kept);
 * every value is a string, as mqtt.py's {@code filter_data} formats it ({@code '%s' % float(v)}).
 * The topic is {@code <topic>/loop} ("For publishing aggregate data, the topic is TOPIC/loop").
 */
class WeewxFormatTest {
    static final String TOPIC = "weather/loop";
    static final String METRIC = "{\"dateTime\": \"1764590400.0\", \"usUnits\": \"16.0\", \"outTemp_C\": \"8.3\", "
            + "\"outHumidity\": \"87.0\", \"pressure_mbar\": \"1003.4\", \"barometer_mbar\": \"1016.2\", "
            + "\"altimeter_mbar\": \"1016.0\", \"rain_cm\": \"0.02\", \"rainRate_cm_per_hour\": \"0.4\", "
            + "\"hourRain_cm\": \"0.1\", \"dayRain_cm\": \"1.3\", \"rain24_cm\": \"1.5\", \"windSpeed_kph\": \"14.5\", "
            + "\"windGust_kph\": \"22.5\", \"windDir\": \"247.0\", \"windGustDir\": \"250.0\", \"dewpoint_C\": \"6.2\", "
            + "\"radiation_Wpm2\": \"112.0\", \"UV\": \"1.0\", \"illuminance\": \"14000.0\", \"inTemp_C\": \"20.5\", "
            + "\"outTempBatteryStatus\": \"0.0\"}";
    static final String US = "{\"dateTime\": \"1764590402.0\", \"usUnits\": \"1.0\", \"outTemp_F\": \"46.94\", "
            + "\"outHumidity\": \"87.0\", \"barometer_inHg\": \"30.01\", \"pressure_inHg\": \"29.63\", \"rain_in\": \"0.01\", "
            + "\"rainRate_inch_per_hour\": \"0.16\", \"windSpeed_mph\": \"9.0\", \"windGust_mph\": \"14.0\", "
            + "\"windDir\": \"247.0\", \"dewpoint_F\": \"43.16\"}";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final HandFedLink link = new HandFedLink();

    private MqttSource all() {
        return Sources.tabled(link, clock, MqttFormat.WEEWX, TOPIC, null, null, TEMPERATURE, HUMIDITY, PRESSURE,
                PRESSURE_SEA_LEVEL, RAIN, RAIN_RATE, WIND_SPEED, WIND_GUST, WIND_DIR, RADIATION, UV, LIGHT, DEWPOINT);
    }

    @Test
    void aMetricLoopPacketGivesEveryChannel() {
        MqttSource s = all();
        assertEquals(List.of(TOPIC), link.topics());
        link.publish(TOPIC, METRIC);
        Reading r = s.read();
        assertOk(r, "temperature", 8.3, 0);
        assertOk(r, "humidity", 87, 0);
        assertOk(r, "pressure", 1003.4, 0);                 // station pressure, not altimeter
        assertOk(r, "pressure_sea_level", 1016.2, 0);
        assertOk(r, "rain", 0.2, 1e-12);                    // cm → mm; not dayRain, hourRain or rain24
        assertOk(r, "rain_rate", 4, 1e-12);
        assertOk(r, "wind_speed", 14.5, 0);
        assertOk(r, "wind_gust", 22.5, 0);
        assertOk(r, "wind_dir", 247, 0);                    // not windGustDir
        assertOk(r, "radiation", 112, 0);
        assertOk(r, "uv", 1, 0);
        assertOk(r, "light", 14000, 0);
        assertOk(r, "dewpoint", 6.2, 0);
    }

    @Test
    void aUsLoopPacketIsConvertedThroughUsUnits() {
        MqttSource s = all();
        link.publish(TOPIC, US);
        Reading r = s.read();
        assertOk(r, "temperature", (46.94 - 32) / 1.8, 1e-12);
        assertOk(r, "pressure_sea_level", 30.01 * UsUnits.HPA_PER_INHG, 1e-9);
        assertOk(r, "pressure", 29.63 * UsUnits.HPA_PER_INHG, 1e-9);
        assertOk(r, "rain", 0.254, 1e-12);
        assertOk(r, "rain_rate", 0.16 * 25.4, 1e-12);
        assertOk(r, "wind_speed", 9 * UsUnits.KMH_PER_MPH, 1e-12);
        assertOk(r, "wind_gust", 14 * UsUnits.KMH_PER_MPH, 1e-12);
        assertOk(r, "dewpoint", (43.16 - 32) / 1.8, 1e-12);
    }

    @Test
    void rainIsTheAmountOfEachPacketSoAReadingSumsThePacketsSinceThePreviousOne() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.WEEWX, TOPIC, null, null, RAIN, WIND_SPEED);
        link.publish(TOPIC, METRIC);
        link.publish(TOPIC, METRIC.replace("\"rain_cm\": \"0.02\"", "\"rain_cm\": \"0.03\""));
        assertOk(s.read(), "rain", 0.5, 1e-12);
        link.publish(TOPIC, METRIC.replace("\"rain_cm\": \"0.02\", ", ""));   // weewx-mqtt leaves out a None
        assertOk(s.read(), "rain", 0, 0);
        link.publishRetained(TOPIC, METRIC);               // the broker's copy on a new subscription: counted already
        assertOk(s.read(), "rain", 0, 0);
        assertOk(s.read(), "wind_speed", 14.5, 0);         // levels take a retained packet
    }

    @Test
    void aPacketMeantForPeopleNotMachinesIsRejectedWithTheReason() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.WEEWX, TOPIC, null, null, TEMPERATURE, WIND_SPEED, HUMIDITY);
        link.publish(TOPIC, "{\"outTemp\": \"8.3\", \"windSpeed_furlong\": \"3\", \"outHumidity\": \"nan\"}");
        Reading r = s.read();
        assertEquals("outTemp has no unit label (weewx-mqtt's append_units_label must stay True)", channel(r, "temperature").reason());
        assertEquals("windSpeed_furlong: unit label 'furlong' is not one of weewx's units of wind_speed", channel(r, "wind_speed").reason());
        assertEquals("outHumidity is \"nan\", not a number", channel(r, "humidity").reason());
        assertEquals(ChannelStatus.REJECTED, channel(r, "humidity").status());
    }
}
