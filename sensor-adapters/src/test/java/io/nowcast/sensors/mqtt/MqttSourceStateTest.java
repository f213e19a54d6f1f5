package io.nowcast.sensors.mqtt;

import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.nowcast.history.Quantity.*;
import static io.nowcast.sensors.mqtt.Rtl433FormatTest.EVENTS;
import static io.nowcast.sensors.mqtt.Rtl433FormatTest.TOPIC;
import static io.nowcast.sensors.mqtt.Rtl433FormatTest.WH24;
import static io.nowcast.sensors.mqtt.Sources.assertOk;
import static io.nowcast.sensors.mqtt.Sources.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a reading of an mqtt sensor says, whatever arrives: running totals and their resets,
 * staleness, malformed messages, values out of range, a lost connection. Payloads: rtl_433's
 * Fine Offset WH24 test event ({@link Rtl433FormatTest#WH24}), its rain total moved as the counter would.
 */
class MqttSourceStateTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final HandFedLink link = new HandFedLink();

    private MqttSource wh24() {
        return Sources.tabled(link, clock, MqttFormat.RTL_433, TOPIC, "Fineoffset-WH24", "191", TEMPERATURE, HUMIDITY, RAIN);
    }

    private static String withRain(double mm) {
        return WH24.replace("\"rain_mm\" : 22.200", "\"rain_mm\" : " + mm);
    }

    @Test
    void aRunningTotalBecomesTheAmountPerReadingAndACounterResetCountsFromZero() {
        MqttSource s = wh24();
        link.publish(EVENTS, withRain(22.2));
        assertOk(s.read(), "rain", 0, 0);                 // baseline: when 22.2 mm fell is unknown
        link.publish(EVENTS, withRain(22.5));
        link.publish(EVENTS, withRain(22.8));
        assertOk(s.read(), "rain", 0.6, 1e-9);            // two messages between readings: summed
        assertOk(s.read(), "rain", 0, 0);                 // nothing since
        link.publish(EVENTS, withRain(0.3));              // new batteries: the counter restarted
        assertOk(s.read(), "rain", 0.3, 1e-9);            // what it counted since the reset
        assertEquals(1, s.resets(2));
        link.publish(EVENTS, withRain(0.5));
        assertOk(s.read(), "rain", 0.2, 1e-9);            // and on from there
        assertEquals(1, s.resets(2));
    }

    @Test
    void aChannelWithoutAMessageForLongerThanStaleIsMissingAndComesBackWithTheNext() {
        MqttSource s = wh24();
        link.publish(EVENTS, withRain(22.2));
        clock.advance(Duration.ofMinutes(5));
        assertOk(s.read(), "temperature", 11.8, 0);       // exactly 5 minutes old: still good
        clock.advance(Duration.ofSeconds(1));
        Reading stale = s.read();
        ChannelReading t = channel(stale, "temperature");
        assertEquals(ChannelStatus.MISSING, t.status());
        assertEquals("no message for 301s (stale after 5min), waiting for temperature_C or temperature_F in rtl_433 "
                + "events on rtl_433/+/events from Fineoffset-WH24 id 191", t.reason());
        assertEquals(ChannelStatus.MISSING, channel(stale, "rain").status());
        link.publish(EVENTS, withRain(23.0));             // it rained 0.8 mm while nothing came: kept
        Reading back = s.read();
        assertOk(back, "temperature", 11.8, 0);
        assertOk(back, "rain", 0.8, 1e-9);
    }

    @Test
    void aMalformedMessageRejectsItsChannelsWithTheReasonUntilAGoodOneArrives() {
        MqttSource s = wh24();
        link.publish(EVENTS, withRain(22.2));
        link.publish(EVENTS, "<event temperature_C=12/>");
        Reading bad = s.read();
        for (String c : new String[] {"temperature", "humidity", "rain"}) {
            assertEquals(ChannelStatus.REJECTED, channel(bad, c).status(), c);
            assertEquals("a message on rtl_433/pi/events is not JSON at character 0: a value expected (RFC 8259 §3: "
                    + "an object, array, number, string, true, false or null), found \"<event temperatu\"...", channel(bad, c).reason());
        }
        link.publish(EVENTS, "[1,2]");
        assertEquals("a message on rtl_433/pi/events is an array, not an rtl_433 event (a JSON object)",
                channel(s.read(), "humidity").reason());
        link.publish(EVENTS, withRain(22.4));
        Reading good = s.read();
        assertTrue(good.allOk(), good.toString());
        assertOk(good, "rain", 0.2, 1e-9);                // the total kept its baseline through the bad ones
    }

    @Test
    void aValueOutsideThePlausibleRangeIsRejectedWithValueAndRange() {
        MqttSource s = wh24();
        link.publish(EVENTS, WH24.replace("\"temperature_C\" : 11.800", "\"temperature_C\" : 85.0"));
        ChannelReading t = channel(s.read(), "temperature");
        assertEquals(ChannelStatus.REJECTED, t.status());
        assertEquals("temperature_C: 85 °C is outside the range of temperature, -90..60 °C", t.reason());
        link.publish(EVENTS, withRain(-1));
        assertEquals("rain_mm: -1 mm is outside the range of rain, 0..100000 mm", channel(s.read(), "rain").reason());
        link.publish(EVENTS, WH24.replace("\"humidity\" : 78", "\"humidity\" : 1e999"));
        assertTrue(channel(s.read(), "humidity").reason().contains("beyond the range of a double"));
    }

    @Test
    void theReasonOfAMissingChannelSaysWhyNoMessageCanCome() {
        MqttSource s = wh24();
        link.trouble("not connected to tcp://broker:1883: cannot reach the broker: Connection refused");
        clock.advance(Duration.ofSeconds(30));
        assertEquals("no message yet (30s since the start), waiting for humidity in rtl_433 events on rtl_433/+/events "
                + "from Fineoffset-WH24 id 191; not connected to tcp://broker:1883: cannot reach the broker: Connection refused",
                channel(s.read(), "humidity").reason());
    }

    @Test
    void awaitDataReturnsOnceEveryChannelHasHadAMessage() throws Exception {
        MqttSource s = wh24();
        assertFalse(s.awaitData(Duration.ofMillis(50)));
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean result = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                waiting.countDown();
                result.set(s.awaitData(Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        link.publish(EVENTS, WH24);
        t.join(10_000);
        assertTrue(result.get());
    }

    @Test
    void noPayloadMakesTheHandlerThrow() {
        MqttSource s = wh24();
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            if (i % 2 == 0) { // half of them: the real event with one byte changed
                junk = WH24.getBytes(StandardCharsets.UTF_8);
                junk[random.nextInt(junk.length)] = (byte) random.nextInt(256);
            }
            link.publishBytes(EVENTS, junk);
        }
        link.publish(EVENTS, "[".repeat(100_000));          // deeper than the reader's limit
        link.publish(EVENTS, "");
        s.read();                                          // never throws either
        link.publish(EVENTS, WH24);
        assertTrue(s.read().allOk());
    }

    @Test
    void closingTheSourceClosesItsLink() {
        wh24().close();
        assertTrue(link.closed());
    }
}
