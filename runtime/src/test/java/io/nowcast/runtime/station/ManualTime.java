package io.nowcast.runtime.station;

import java.time.Duration;
import java.time.Instant;

/**
 * The two clocks of a {@link StationClock}, moved by the test: {@link #advance} moves both (time
 * passes), {@link #stepWall} only the wall clock (someone sets the date, NTP steps it).
 */
final class ManualTime implements StationClock.Source {
    private long wall;
    private long mono = 1_000_000_000L;

    ManualTime(Instant start) {
        wall = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    @Override
    public synchronized long wallNanos() {
        return wall;
    }

    @Override
    public synchronized long monoNanos() {
        return mono;
    }

    synchronized void advance(long nanos) {
        wall += nanos;
        mono += nanos;
    }

    void advance(Duration d) {
        advance(d.toNanos());
    }

    synchronized void stepWall(Duration d) {
        wall += d.toNanos();
    }

    synchronized Instant wall() {
        return Instant.ofEpochSecond(Math.floorDiv(wall, 1_000_000_000L), Math.floorMod(wall, 1_000_000_000L));
    }
}
