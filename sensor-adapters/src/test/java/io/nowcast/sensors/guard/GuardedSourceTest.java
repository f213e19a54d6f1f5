package io.nowcast.sensors.guard;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.RecordingSleeper;
import io.nowcast.sensors.SensorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault injection for every failure the guard handles. */
class GuardedSourceTest {
    private static final List<Channel> CHANNELS = List.of(Channel.of(Quantity.TEMPERATURE), Channel.of(Quantity.HUMIDITY));
    private static final Map<Quantity, PhysicalRange> RANGES =
            Map.of(Quantity.TEMPERATURE, new PhysicalRange(-40, 85), Quantity.HUMIDITY, new PhysicalRange(0, 100));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final ScriptedDriver driver = new ScriptedDriver();
    private GuardedSource source;

    private GuardedSource source(GuardPolicy policy) {
        source = new GuardedSource("outside", "bme280", CHANNELS, driver.opener(), policy, clock, sleeper);
        return source;
    }

    private GuardedSource source() {
        return source(GuardPolicy.defaults(3, RANGES));
    }

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private static ChannelReading t(Reading r) {
        return r.channels().get(0);
    }

    private static ChannelReading h(Reading r) {
        return r.channels().get(1);
    }

    @Test
    void aGoodReadIsOkAndTimestampedByTheClock() {
        driver.thenValues(21.5, 40.0);
        Reading r = source().read();
        assertEquals(Instant.parse("2026-11-28T12:00:00Z"), r.time());
        assertEquals(ChannelReading.ok("temperature", Quantity.TEMPERATURE, 21.5), t(r));
        assertEquals(40.0, r.valueOrNaN("humidity"));
    }

    @Test
    void aReadThatThrowsGivesMissingWithTheReasonAndClosesTheDriver() {
        driver.thenThrow(SensorException.failure("Remote I/O error"));
        Reading r = source().read();
        assertEquals(ChannelStatus.MISSING, t(r).status());
        assertEquals("Remote I/O error", t(r).reason());
        assertEquals(ChannelStatus.MISSING, h(r).status());
        assertTrue(Double.isNaN(t(r).value()), "no made-up value");
        assertEquals(1, driver.closes.get());
    }

    @Test
    void aDriverBugIsCaughtToo() {
        driver.then(() -> {
            throw new IllegalStateException("index out of range");
        });
        Reading r = source().read();
        assertEquals(ChannelStatus.MISSING, t(r).status());
        assertTrue(t(r).reason().contains("driver error"), t(r).reason());
    }

    @Test
    void transientFailuresAreRetriedAFewTimesWithDoublingDelays() {
        driver.thenThrow(SensorException.transientFailure("Input/output error", null))
                .thenThrow(SensorException.transientFailure("Input/output error", null))
                .thenValues(20.0, 50.0);
        Reading r = source().read();
        assertTrue(r.allOk());
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), sleeper.waits());
        assertEquals(0, driver.closes.get(), "a transient failure keeps the device open");
    }

    @Test
    void retriesAreBounded() {
        for (int i = 0; i < 3; i++) {
            driver.thenThrow(SensorException.transientFailure("Connection timed out", null));
        }
        driver.thenValues(20.0, 50.0);   // never reached in this read
        Reading r = source().read();
        assertEquals(ChannelStatus.MISSING, t(r).status());
        assertEquals("Connection timed out (3 attempts)", t(r).reason());
        assertEquals(3, driver.measures.get());
    }

    @Test
    void failedReadsBackOffDoublingUpToTheCap() {
        GuardedSource s = source(GuardPolicy.defaults(3, RANGES).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        for (int i = 0; i < 5; i++) {
            driver.thenThrow(SensorException.failure("Remote I/O error"));
        }
        s.read();                                      // failure 1: next try in 5 s
        clock.advance(Duration.ofSeconds(4));
        Reading waiting = s.read();
        assertEquals(1, driver.measures.get(), "no device access while backing off");
        assertTrue(t(waiting).reason().startsWith("not tried until 2026-11-28T12:00:05Z after 1 failed reads"), t(waiting).reason());
        clock.advance(Duration.ofSeconds(1));
        s.read();                                      // failure 2 at 12:00:05: next in 10 s
        clock.advance(Duration.ofSeconds(9));
        s.read();
        assertEquals(2, driver.measures.get());
        clock.advance(Duration.ofSeconds(1));
        s.read();                                      // failure 3 at 12:00:15: next in 20 s
        clock.advance(Duration.ofSeconds(20));
        s.read();                                      // failure 4 at 12:00:35: capped at 20 s
        clock.advance(Duration.ofSeconds(19));
        s.read();
        assertEquals(4, driver.measures.get());
        clock.advance(Duration.ofSeconds(1));
        s.read();
        assertEquals(5, driver.measures.get());
    }

    @Test
    void aSensorThatDisappearsAndComesBackIsUsedAgainWithoutARestart() {
        GuardedSource s = source(GuardPolicy.defaults(3, RANGES).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        driver.thenValues(20.0, 50.0).thenThrow(SensorException.failure("Remote I/O error")).thenValues(21.0, 49.0);
        assertTrue(s.read().allOk());
        assertEquals(1, driver.opens.get());
        driver.setAbsent(true);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(ChannelStatus.MISSING, t(s.read()).status());   // the read fails, the driver is closed
        clock.advance(Duration.ofSeconds(10));
        Reading absent = s.read();                                  // reopening fails: still absent
        assertEquals("no device at 0x76", t(absent).reason());
        driver.setAbsent(false);
        clock.advance(Duration.ofSeconds(10));
        Reading back = s.read();
        assertTrue(back.allOk(), back.toString());
        assertEquals(21.0, back.valueOrNaN("temperature"));
        assertEquals(2, driver.opens.get(), "opened afresh: chip id, reset and calibration again");
    }

    @Test
    void aReadThatHangsTimesOutAndTheDeviceIsReopenedAfterwards() throws Exception {
        GuardedSource s = source(GuardPolicy.defaults(3, RANGES).withTimeout(Duration.ofMillis(100))
                .withBackoff(Duration.ZERO, Duration.ZERO));
        CountDownLatch stuck = driver.thenHang(20.0, 50.0);
        Reading r = s.read();
        assertEquals("timed out after 100ms", t(r).reason());
        Reading again = s.read();
        assertEquals("an earlier read is still blocked in the driver", t(again).reason());
        assertEquals(1, driver.measures.get(), "nothing queued behind a blocked call");
        stuck.countDown();
        driver.thenValues(22.0, 45.0);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reading back = s.read();
        while (!back.allOk() && System.nanoTime() < deadline) {   // the worker finishes its blocked call
            Thread.onSpinWait();
            back = s.read();
        }
        assertTrue(back.allOk(), back.toString());
        assertEquals(2, driver.opens.get(), "reopened after the timeout");
    }

    @Test
    void aValueOutsideThePhysicalRangeIsRejectedAlone() {
        driver.thenValues(-60.2, 40.0);
        Reading r = source().read();
        assertEquals(ChannelStatus.REJECTED, t(r).status());
        assertEquals("-60.2 °C is outside the physical range -40..85 °C of a bme280", t(r).reason());
        assertTrue(h(r).isOk());
    }

    @Test
    void aValueTheDriverRefusedIsRejected() {
        driver.then(() -> new Sample().put(Quantity.TEMPERATURE, 20.0).refuse(Quantity.HUMIDITY, "CRC mismatch"));
        Reading r = source().read();
        assertEquals(ChannelStatus.REJECTED, h(r).status());
        assertEquals("CRC mismatch", h(r).reason());
        assertTrue(t(r).isOk());
    }

    @Test
    void aNonFiniteValueIsRejected() {
        driver.thenValues(Double.NaN, 40.0);
        assertEquals(ChannelStatus.REJECTED, t(source().read()).status());
    }

    @Test
    void theSameExactValueTooOftenIsFlaggedStuckUntilItChanges() {
        GuardedSource s = source();                    // stuck after 3 identical readings
        driver.thenValues(20.0, 40.0).thenValues(20.0, 41.0).thenValues(20.0, 42.0).thenValues(20.0, 43.0).thenValues(20.1, 44.0);
        assertTrue(t(s.read()).isOk());
        assertTrue(t(s.read()).isOk());
        Reading third = s.read();
        assertEquals(ChannelStatus.REJECTED, t(third).status());
        assertEquals("stuck: the same value 20.0 °C 3 readings in a row", t(third).reason());
        assertTrue(h(third).isOk(), "humidity kept changing");
        assertEquals(ChannelStatus.REJECTED, t(s.read()).status());
        assertTrue(t(s.read()).isOk(), "a new value ends it");
    }

    @Test
    void rainIsNeverStuck() {
        ScriptedDriver rain = new ScriptedDriver();
        for (int i = 0; i < 5; i++) {
            rain.then(() -> new Sample().put(Quantity.RAIN, 0.0));
        }
        try (GuardedSource s = new GuardedSource("rain", "rain-gauge", List.of(Channel.of(Quantity.RAIN)), rain.opener(),
                GuardPolicy.defaults(2, Map.of()), clock, sleeper)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(s.read().allOk(), "a dry day repeats 0.0 mm");
            }
        }
    }

    @Test
    void aClosedSourceStillDoesNotThrow() {
        GuardedSource s = source();
        s.close();
        Reading r = s.read();
        assertEquals("source is closed", t(r).reason());
        source = null;
    }
}
