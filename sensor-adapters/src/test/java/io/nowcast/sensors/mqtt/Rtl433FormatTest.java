package io.nowcast.sensors.mqtt;

import io.nowcast.history.UsUnits;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.nowcast.history.Quantity.*;
import static io.nowcast.sensors.mqtt.Sources.assertOk;
import static io.nowcast.sensors.mqtt.Sources.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rtl_433 events, each payload copied from rtl_433's own test data (merbanan/rtl_433_tests, the
 * expected output of rtl_433 for each recorded signal), as {@code rtl_433 -F mqtt} publishes them on
 * {@code rtl_433/<host>/events}. Field names and units: rtl_433 docs/DATA_FORMAT.md.
 */
class Rtl433FormatTest {
    static final String TOPIC = "rtl_433/+/events";
    static final String EVENTS = "rtl_433/pi/events";

    /** merbanan/rtl_433_tests tests/fineoffset_wh24/g002.json: a Fine Offset WH24 outdoor unit. */
    static final String WH24 = "{\"time\" : \"@0.210808s\", \"model\" : \"Fineoffset-WH24\", \"id\" : 191, \"battery_ok\" : 1, "
            + "\"temperature_C\" : 11.800, \"humidity\" : 78, \"wind_dir_deg\" : 258, \"wind_avg_m_s\" : 0.980, "
            + "\"wind_max_m_s\" : 1.120, \"rain_mm\" : 22.200, \"uv\" : 1, \"uvi\" : 0, \"light_lux\" : 0.000, \"mic\" : \"CRC\"}";
    /** merbanan/rtl_433_tests tests/fineoffset_wh24/g006.json: the same unit a moment later. */
    static final String WH24_LATER = "{\"time\" : \"@0.210812s\", \"model\" : \"Fineoffset-WH24\", \"id\" : 191, \"battery_ok\" : 1, "
            + "\"temperature_C\" : 11.800, \"humidity\" : 79, \"wind_dir_deg\" : 271, \"wind_avg_m_s\" : 0.560, "
            + "\"wind_max_m_s\" : 1.120, \"rain_mm\" : 22.200, \"uv\" : 1, \"uvi\" : 0, \"light_lux\" : 0.000, \"mic\" : \"CRC\"}";
    /** merbanan/rtl_433_tests tests/acurite/Acurite_5-n-1/VN1TXC_02.json (first line): wind and a rain total in inches. */
    static final String ACURITE_5N1 = "{\"time\" : \"@0.087052s\", \"model\" : \"Acurite-5n1\", \"message_type\" : 49, \"id\" : 839, "
            + "\"channel\" : \"A\", \"sequence_num\" : 0, \"battery_ok\" : 1, \"wind_avg_km_h\" : 4.311, \"wind_dir_deg\" : 337.500, "
            + "\"rain_in\" : 0.660, \"mic\" : \"CHECKSUM\"}";
    /** merbanan/rtl_433_tests tests/acurite/Acurite_3-in-1/02/g001_433.92M_250k.json: °F and mi/h. */
    static final String ACURITE_3N1 = "{\"time\" : \"@0.130396s\", \"model\" : \"Acurite-3n1\", \"subtype\" : 32, \"id\" : 7992, "
            + "\"channel\" : \"A\", \"sequence_num\" : 1, \"battery_ok\" : 1, \"wind_avg_mi_h\" : 7.000, \"temperature_F\" : 30.300, "
            + "\"humidity\" : 43}";
    /** merbanan/rtl_433_tests tests/nexus/01/gfile001.json: a neighbour's thermometer on the same frequency. */
    static final String NEXUS = "{\"time\" : \"@0.091892s\", \"model\" : \"Nexus-TH\", \"id\" : 181, \"channel\" : 2, "
            + "\"battery_ok\" : 0, \"temperature_C\" : 19.000, \"humidity\" : 71}";
    /** merbanan/rtl_433_tests tests/fineoffset_wh1080/01/gfile031.json: a WH1080's DCF77 time message, no weather in it. */
    static final String WHX080_TIME = "{\"time\" : \"@0.040036s\", \"model\" : \"Fineoffset-WHx080\", \"subtype\" : 1, \"id\" : 5, "
            + "\"signal\" : \"DCF77\", \"radio_clock\" : \"2016-01-29T16:03:44\", \"mic\" : \"CRC\"}";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final HandFedLink link = new HandFedLink();

    @Test
    void aFineOffsetWh24EventGivesEveryChannelInStationUnits() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Fineoffset-WH24", "191",
                TEMPERATURE, HUMIDITY, WIND_SPEED, WIND_GUST, WIND_DIR, RAIN, UV, LIGHT);
        assertEquals(List.of(TOPIC), link.topics());
        link.publish(EVENTS, WH24);
        Reading r = s.read();
        assertOk(r, "temperature", 11.8, 0);
        assertOk(r, "humidity", 78, 0);
        assertOk(r, "wind_speed", 0.98 * 3.6, 1e-12);  // m/s → km/h
        assertOk(r, "wind_gust", 1.12 * 3.6, 1e-12);
        assertOk(r, "wind_dir", 258, 0);
        assertOk(r, "rain", 0, 0);                      // the first total is the baseline
        assertOk(r, "uv", 0, 0);                        // uvi, the index, not uv (1), the raw reading
        assertOk(r, "light", 0, 0);
        assertEquals(clock.instant(), r.time());
    }

    @Test
    void usUnitsAreConvertedThroughUsUnits() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Acurite-3n1", null, TEMPERATURE, WIND_SPEED, HUMIDITY);
        link.publish(EVENTS, ACURITE_3N1);
        Reading r = s.read();
        assertOk(r, "temperature", (30.3 - 32) / 1.8, 1e-12);                     // -0.944 °C
        assertOk(r, "wind_speed", 7.0 * UsUnits.KMH_PER_MPH, 1e-12);              // 11.27 km/h
        assertOk(r, "humidity", 43, 0);
    }

    @Test
    void aRainTotalInInchesCountsItsIncreasesInMillimetres() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Acurite-5n1", "839", WIND_SPEED, WIND_DIR, RAIN);
        link.publish(EVENTS, ACURITE_5N1);
        Reading first = s.read();
        assertOk(first, "wind_speed", 4.311, 0);
        assertOk(first, "wind_dir", 337.5, 0);
        assertOk(first, "rain", 0, 0);
        link.publish(EVENTS, ACURITE_5N1.replace("\"rain_in\" : 0.660", "\"rain_in\" : 0.670")); // one 0.01 in tip
        assertOk(s.read(), "rain", 0.01 * 25.4, 1e-9);
        assertOk(s.read(), "rain", 0, 0);  // nothing new since
    }

    @Test
    void eventsOfOtherDevicesOnTheSameTopicAreSkipped() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "fineoffset-wh24", "191", TEMPERATURE, HUMIDITY);
        link.publish(EVENTS, NEXUS);                               // another model
        link.publish(EVENTS, WH24.replace("\"id\" : 191", "\"id\" : 192")); // the same model, another id
        link.publish(EVENTS, WHX080_TIME);
        Reading none = s.read();
        assertEquals(ChannelStatus.MISSING, channel(none, "temperature").status(), none.toString());
        assertTrue(channel(none, "temperature").reason().startsWith("no message yet"), none.toString());
        link.publish(EVENTS, WH24);                                // model matched in any case
        assertOk(s.read(), "temperature", 11.8, 0);
        link.publish(EVENTS, NEXUS);
        assertOk(s.read(), "temperature", 11.8, 0);                // still the WH24's
    }

    @Test
    void withoutFiltersEveryEventOnTheTopicCounts() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, "rtl_433/pi/devices/Nexus-TH/2/181", null, null,
                TEMPERATURE, HUMIDITY);
        link.publish(EVENTS, NEXUS);
        assertOk(s.read(), "temperature", 19, 0);
    }

    @Test
    void aMessageWithoutAChannelsFieldLeavesItAsItWas() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, null, "5", TEMPERATURE);
        link.publish(EVENTS, WH24.replace("\"id\" : 191", "\"id\" : 5"));
        clock.advance(Duration.ofMinutes(1));
        link.publish(EVENTS, WHX080_TIME);  // subtype 1: time only
        assertOk(s.read(), "temperature", 11.8, 0);
    }

    @Test
    void laterEventsReplaceLevels() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Fineoffset-WH24", "191", HUMIDITY, WIND_DIR);
        link.publish(EVENTS, WH24);
        link.publish(EVENTS, WH24_LATER);
        Reading r = s.read();
        assertOk(r, "humidity", 79, 0);
        assertOk(r, "wind_dir", 271, 0);
    }

    @Test
    void aFieldOfTheWrongTypeRejectsItsChannelOnly() {
        MqttSource s = Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Fineoffset-WH24", null, TEMPERATURE, HUMIDITY);
        link.publish(EVENTS, WH24.replace("\"temperature_C\" : 11.800", "\"temperature_C\" : \"11.8\""));
        Reading r = s.read();
        assertEquals(ChannelStatus.REJECTED, channel(r, "temperature").status());
        assertEquals("temperature_C is \"11.8\", not a number", channel(r, "temperature").reason());
        assertOk(r, "humidity", 78, 0);
    }
}
