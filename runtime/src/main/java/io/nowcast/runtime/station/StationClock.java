package io.nowcast.runtime.station;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The station's time: real, or accelerated for the demo and for long test runs. Accelerated time
 * is a pure function of the wall clock, {@code origin + (wall − wallAtOrigin) · speed}, so that a
 * station process restarted with the same origin continues where the killed one was.
 */
public final class StationClock extends Clock {
    private final Instant origin; // station time at wallAtOrigin
    private final long wallAtOriginMillis;
    private final double speed; // station seconds per wall second

    private StationClock(Instant origin, long wallAtOriginMillis, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0, got " + speed);
        }
        this.origin = origin;
        this.wallAtOriginMillis = wallAtOriginMillis;
        this.speed = speed;
    }

    /** Real time (UTC). */
    public static StationClock system() {
        return new StationClock(Instant.EPOCH, 0, 1);
    }

    /** Station time {@code origin} at wall time {@code wallAtOrigin}, running {@code speed} times faster. */
    public static StationClock accelerated(Instant origin, Instant wallAtOrigin, double speed) {
        return new StationClock(origin, wallAtOrigin.toEpochMilli(), speed);
    }

    @Override
    public Instant instant() {
        long wall = System.currentTimeMillis() - wallAtOriginMillis;
        return origin.plusNanos(Math.round(wall * 1e6 * speed));
    }

    /** Wall-clock nanoseconds until the station time reaches {@code t}; 0 when it already has. */
    public long wallNanosUntil(Instant t) {
        Duration ahead = Duration.between(instant(), t);
        return ahead.isNegative() ? 0 : (long) Math.ceil(ahead.toNanos() / speed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("the station clock is UTC");
    }
}
