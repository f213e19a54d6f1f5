package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.doctor.NtpStatus;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: no reading and nothing published before the clock is trusted. The answer of
 * timedatectl comes from the test ({@link NtpStatus}), the rest is real: the system clock, the
 * station's loop on its own thread.
 */
class ClockTrustTest {
    @TempDir
    Path dir;

    private final Model model = TestModels.weather(3, 600);

    private record Started(CountingFeed feed, RecordingUplink uplink, Thread thread, StationLoop loop, Station station,
            Outbox box) {
    }

    private Started start(NtpStatus ntp, boolean required) throws Exception {
        Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
        Station s = new Station("garden", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS, box, dir,
                2, 13);
        StationClock clock = StationClock.system();
        RecordingUplink uplink = new RecordingUplink();
        s.attach(uplink, clock);
        CountingFeed feed = new CountingFeed(1);
        StationLoop loop = new StationLoop(s, feed, clock, ClockTrust.of(required, clock, ntp));
        loop.clockPoll(Duration.ofMillis(50));
        Thread t = new Thread(() -> {
            try {
                loop.run(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return new Started(feed, uplink, t, loop, s, box);
    }

    private static void stop(Started s) throws Exception {
        s.loop().stop();
        s.thread().join(5000);
        s.station().close();
        s.box().close();
    }

    @Test
    void anUnsynchronisedClockHoldsTheStationBackUntilItIsSynchronised() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Started s = start(() -> asked.incrementAndGet() <= 5 ? "no" : "yes", true);
        try {
            Await.until("timedatectl asked twice", 10, () -> asked.get() >= 2);
            assertEquals(0, s.feed().polls, "no sensor read while the clock is not trusted");
            JsonNode waiting = s.uplink().lastHealth();
            assertEquals("degraded", waiting.get("state").asText());
            assertEquals("unsynchronised", waiting.get("clock").get("state").asText());
            assertTrue(waiting.get("reasons").get(0).asText().startsWith("clock: not synchronised (NTPSynchronized=no)"),
                    waiting.toString());
            Await.until("the sensors read once synchronised", 10, () -> s.feed().readings > 0);
            JsonNode now = s.uplink().lastHealth();
            assertEquals("synchronised", now.get("clock").get("state").asText());
            assertEquals("ok", now.get("state").asText());
        } finally {
            stop(s);
        }
    }

    @Test
    void whereNobodyCanSayTheStationGoesOnAndSaysSo() throws Exception {
        Started s = start(() -> null, true);
        try {
            Await.until("the sensors read", 10, () -> s.feed().readings > 0);
            JsonNode h = s.uplink().lastHealth();
            assertEquals("unknown", h.get("clock").get("state").asText());
            assertEquals("ok", h.get("state").asText(), "unknown is a warning in the log, not a fault");
        } finally {
            stop(s);
        }
    }

    @Test
    void notRequiredIsNotAsked() throws Exception {
        Started s = start(() -> {
            throw new AssertionError("asked");
        }, false);
        try {
            Await.until("the sensors read", 10, () -> s.feed().readings > 0);
            assertEquals("not_required", s.uplink().lastHealth().get("clock").get("state").asText());
        } finally {
            stop(s);
        }
    }
}
