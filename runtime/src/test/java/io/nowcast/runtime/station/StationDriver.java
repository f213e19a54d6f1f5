package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs a {@link StationLoop} on a hand-moved clock ({@link ManualTime}): each turn, the clock moves
 * by the wait the loop asks for (at most {@link StationLoop#MAX_WAIT_NANOS}, as the real loop waits), so that a test can
 * count the loop's turns and its sensor reads, and step the wall clock between two turns.
 */
final class StationDriver {
    final ManualTime time;
    final StationClock clock;
    final CountingFeed feed; // null when the driver was given another feed
    final StationLoop loop;
    /** Turns after which the loop asked for no wait at all (work due at once). */
    long immediate;

    StationDriver(Station station, Instant start, long sampleSeconds) {
        this(station, start, new CountingFeed(sampleSeconds));
    }

    StationDriver(Station station, Instant start, ReadingFeed feed) {
        this.time = new ManualTime(start);
        this.clock = StationClock.of(time, 1);
        this.feed = feed instanceof CountingFeed c ? c : null;
        this.loop = new StationLoop(station, feed, clock);
    }

    /** Turns the loop until the station's time reaches {@code end}. */
    void runUntil(Instant end) {
        long inARow = 0;
        while (clock.instant().isBefore(end)) {
            Instant next = loop.turn();
            long wait = Math.min(clock.waitNanos(next), StationLoop.MAX_WAIT_NANOS);
            if (wait == 0) {
                immediate++;
                if (++inARow > 100) {
                    fail("the loop spins: 100 turns in a row with work due at once, at " + clock.instant());
                }
                continue;
            }
            inARow = 0;
            time.advance(wait);
        }
    }

    void runFor(Duration d) {
        runUntil(clock.instant().plus(d));
    }
}
