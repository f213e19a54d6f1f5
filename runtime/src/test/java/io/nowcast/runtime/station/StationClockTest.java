package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The station's clock on hand-moved wall and monotonic clocks: steps forward are followed, steps back absorbed. */
class StationClockTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void followsTheWallClockWhileItDoesNotStep() {
        ManualTime time = new ManualTime(T0);
        StationClock clock = StationClock.of(time, 1);
        time.advance(Duration.ofMinutes(7));
        assertEquals(T0.plus(Duration.ofMinutes(7)), clock.instant());
        assertEquals(0, clock.steps());
        assertEquals(Duration.ofSeconds(30).toNanos(), clock.waitNanos(clock.instant().plusSeconds(30)));
        assertEquals(0, clock.waitNanos(T0));
        assertEquals(0, clock.waitNanos(Instant.MIN), "the start, before any interval");
    }

    @Test
    void aStepForwardIsFollowedAtOnce() {
        ManualTime time = new ManualTime(T0);
        StationClock clock = StationClock.of(time, 1);
        time.advance(Duration.ofSeconds(10));
        time.stepWall(Duration.ofHours(1));
        assertEquals(T0.plusSeconds(3610), clock.instant());
        assertEquals(1, clock.steps());
        assertFalse(clock.catchingUp());
    }

    @Test
    void aStepBackIsAbsorbedAtHalfSpeedAndTheStationsTimeNeverGoesBack() {
        ManualTime time = new ManualTime(T0);
        StationClock clock = StationClock.of(time, 1);
        time.advance(Duration.ofMinutes(10));
        Instant before = clock.instant();
        time.stepWall(Duration.ofHours(-1));
        assertEquals(before, clock.instant(), "not back");
        assertTrue(clock.catchingUp());
        assertEquals(1, clock.steps());
        time.advance(Duration.ofMinutes(60));
        assertEquals(before.plus(Duration.ofMinutes(30)), clock.instant(), "half speed");
        assertEquals(Duration.ofMinutes(2).toNanos(), clock.waitNanos(clock.instant().plusSeconds(60)),
                "a minute of station time takes two of real time meanwhile");
        Instant last = clock.instant();
        for (int i = 0; i < 70; i++) {
            time.advance(Duration.ofMinutes(1));
            Instant now = clock.instant();
            assertTrue(now.isAfter(last), "always forward");
            last = now;
        }
        assertFalse(clock.catchingUp(), "caught up after two hours of real time");
        assertEquals(time.wall(), clock.instant());
        assertEquals(1, clock.steps());
    }

    @Test
    void anAcceleratedClockIsAFunctionOfTheWallClockSoThatARestartedProcessContinues() throws Exception {
        Instant origin = Instant.parse("2026-06-01T00:00:00Z");
        Instant wallAtOrigin = Instant.now().minusSeconds(2);
        StationClock first = StationClock.accelerated(origin, wallAtOrigin, 600);
        StationClock second = StationClock.accelerated(origin, wallAtOrigin, 600);
        Duration ran = Duration.between(origin, first.instant());
        assertTrue(ran.compareTo(Duration.ofSeconds(1100)) > 0 && ran.compareTo(Duration.ofSeconds(1400)) < 0, ran.toString());
        assertTrue(Duration.between(first.instant(), second.instant()).abs().compareTo(Duration.ofSeconds(60)) < 0);
        assertFalse(first.realTime());
        assertTrue(StationClock.system().realTime());
        long wait = first.waitNanos(first.instant().plusSeconds(600));
        assertTrue(wait > 900_000_000L && wait <= 1_000_000_000L, "600 s of station time in a second: " + wait);
    }

    @Test
    void aThreadHeldUpBetweenItsTwoReadsIsNoStepOfTheWallClock() {
        // Both clocks advance together (no step), but once the reading thread is held up 5 ms between
        // reading the wall clock and the monotonic clock (as the soak run saw on a busy machine).
        long[] now = {1_800_000_000_000_000_000L}; // real nanoseconds, both clocks
        boolean[] holdUp = {false};
        StationClock.Source source = new StationClock.Source() {
            @Override
            public long wallNanos() {
                long t = now[0];
                if (holdUp[0]) {
                    holdUp[0] = false;
                    now[0] += 5_000_000; // the thread is descheduled right after this read
                }
                return t;
            }

            @Override
            public long monoNanos() {
                return now[0];
            }
        };
        StationClock clock = StationClock.of(source, 1);
        clock.instant();
        holdUp[0] = true;
        clock.instant();
        assertEquals(0, clock.steps(), "a 5 ms pause between the reads is more than the 1 ms tolerance");
        assertFalse(clock.catchingUp());
    }
}
