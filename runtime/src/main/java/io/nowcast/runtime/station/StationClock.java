package io.nowcast.runtime.station;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.tinylog.Logger;

/**
 * The station's time: real, or accelerated for the demo, replays and long test runs.
 *
 * <p><b>Two clocks.</b> The station labels rows, readings and forecasts with the wall clock, and
 * waits on the monotonic one. Its time is the monotonic clock anchored to the wall clock:
 * {@code anchor + (mono − monoAtAnchor)}, so that between two steps of the wall clock both agree.
 * (Linux slews {@code CLOCK_MONOTONIC} with NTP's frequency corrections as it slews the wall
 * clock, so only steps make them differ.) When the wall clock steps
 * <ul>
 * <li><b>forward</b>, the station follows at once: the intervals passed over are closed, once each,
 *     as gaps;</li>
 * <li><b>backward</b>, the station's time never goes back: it runs at half speed until the wall
 *     clock has caught up (a step back of J takes 2·J to absorb), so that no interval is closed
 *     twice, no history row is written twice, and every reading still falls in the interval
 *     being collected or a later one.</li>
 * </ul>
 * Each step of more than a second is logged once.
 *
 * <p><b>Accelerated time</b> is a pure function of the wall clock,
 * {@code origin + (wall − wallAtOrigin) · speed}, so that a station process restarted with the same
 * origin continues where the killed one was; the monotonic clock is sped up by the same factor.
 *
 * <p>Thread-safe: sensors that receive readings on their own threads may ask it too.
 */
public final class StationClock extends Clock {
    /** Steps smaller than this (of real time) are not reported. */
    private static final long REPORT_REAL_NANOS = 1_000_000_000L;
    /** Differences below this (of real time) between the two clocks are not steps. */
    private static final long TOLERANCE_REAL_NANOS = 1_000_000L;

    /** Where the clock reads its two times, both in nanoseconds. */
    public interface Source {
        /** The wall clock: nanoseconds since the Unix epoch (UTC). */
        long wallNanos();

        /** A monotonic clock: nanoseconds from an arbitrary origin, never stepped. */
        long monoNanos();
    }

    /** The machine's clocks: {@link Clock#systemUTC()} (microseconds on Linux) and {@link System#nanoTime()}. */
    public static final Source SYSTEM = new Source() {
        @Override
        public long wallNanos() {
            Instant now = Clock.systemUTC().instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monoNanos() {
            return System.nanoTime();
        }
    };

    private final Source source; // in station time: already sped up
    private final double speed; // station seconds per real second
    private final long tolerance; // station nanoseconds
    private final long reportAbove; // station nanoseconds
    private long anchor; // station time (ns since the epoch) at monoAtAnchor
    private long monoAtAnchor;
    private boolean slewing; // half speed until the wall clock catches up
    private long last; // the last time handed out
    private long steps;

    private StationClock(Source source, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0, got " + speed);
        }
        this.source = source;
        this.speed = speed;
        this.tolerance = (long) Math.max(TOLERANCE_REAL_NANOS, TOLERANCE_REAL_NANOS * speed);
        this.reportAbove = (long) Math.max(REPORT_REAL_NANOS, REPORT_REAL_NANOS * Math.min(speed, 1));
        this.anchor = source.wallNanos();
        this.monoAtAnchor = source.monoNanos();
        this.last = anchor;
    }

    /** Real time (UTC). */
    public static StationClock system() {
        return new StationClock(SYSTEM, 1);
    }

    /** Station time {@code origin} at wall time {@code wallAtOrigin}, running {@code speed} times faster. */
    public static StationClock accelerated(Instant origin, Instant wallAtOrigin, double speed) {
        return of(accelerate(SYSTEM, origin, wallAtOrigin, speed), speed);
    }

    /**
     * A clock on {@code source}, whose times are already station times (for tests: a source they move
     * by hand); {@code speed} converts the waits to real time.
     */
    public static StationClock of(Source source, double speed) {
        return new StationClock(source, speed);
    }

    /** {@code real} sped up {@code speed} times, station time {@code origin} at wall time {@code wallAtOrigin}. */
    static Source accelerate(Source real, Instant origin, Instant wallAtOrigin, double speed) {
        long originNanos = origin.getEpochSecond() * 1_000_000_000L + origin.getNano();
        long wallAtOriginNanos = wallAtOrigin.getEpochSecond() * 1_000_000_000L + wallAtOrigin.getNano();
        return new Source() {
            @Override
            public long wallNanos() {
                return originNanos + Math.round((real.wallNanos() - wallAtOriginNanos) * speed);
            }

            @Override
            public long monoNanos() {
                return Math.round(real.monoNanos() * speed);
            }
        };
    }

    /** True when this clock runs at real speed (the one whose synchronisation matters). */
    public boolean realTime() {
        return speed == 1 && source == SYSTEM;
    }

    /** Station seconds per real second. */
    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        long t = nanos();
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    /** Steps of the wall clock seen so far (forward and backward, beyond the tolerance). */
    public synchronized long steps() {
        return steps;
    }

    /** True while the station's time runs at half speed after a backward step of the wall clock. */
    public synchronized boolean catchingUp() {
        return slewing;
    }

    private synchronized long nanos() {
        // The wall clock read between two monotonic reads, taken at their midpoint: a thread held up
        // between the reads (a GC pause, a busy machine) must not look like a step of the wall clock.
        // A pair further apart than a quarter of the tolerance is read again (a few times at most).
        long before = source.monoNanos();
        long wall = source.wallNanos();
        long after = source.monoNanos();
        for (int retry = 0; after - before > tolerance / 4 && retry < 3; retry++) {
            before = after;
            wall = source.wallNanos();
            after = source.monoNanos();
        }
        long mono = before + (after - before) / 2;
        long elapsed = mono - monoAtAnchor;
        long t = anchor + (slewing ? elapsed / 2 : elapsed);
        if (slewing) {
            if (t <= wall) {
                Logger.info("Clock: the station's time has caught up with the wall clock");
                slewing = false;
                reanchor(wall, mono);
                t = wall;
            }
        } else if (wall - t > tolerance) {
            steps++;
            if (wall - t > reportAbove) {
                Logger.warn("Clock: the wall clock stepped forward by {} s; the intervals passed over are closed as gaps",
                        seconds(wall - t));
            }
            reanchor(wall, mono);
            t = wall;
        } else if (t - wall > tolerance) {
            steps++;
            if (t - wall > reportAbove) {
                Logger.warn("Clock: the wall clock stepped back by {} s; the station's time runs at half speed until the "
                        + "wall clock catches up (about {} s), so that no interval is closed twice", seconds(t - wall),
                        seconds(2 * (t - wall)));
            }
            slewing = true;
            reanchor(t, mono);
        }
        if (t < last) {
            t = last; // rounding between two anchors: never back
        }
        last = t;
        return t;
    }

    private void reanchor(long t, long mono) {
        anchor = t;
        monoAtAnchor = mono;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /**
     * Real (monotonic) nanoseconds until the station's time reaches {@code t}; 0 when it already has.
     * The wait is an estimate when the wall clock steps meanwhile: the caller looks again when it ends.
     */
    public long waitNanos(Instant t) {
        long now = nanos();
        long nowSeconds = Math.floorDiv(now, 1_000_000_000L);
        if (t.getEpochSecond() < nowSeconds) {
            return 0;
        }
        double ahead = (t.getEpochSecond() - nowSeconds) * 1e9 + (t.getNano() - Math.floorMod(now, 1_000_000_000L));
        if (ahead <= 0) {
            return 0;
        }
        double rate;
        synchronized (this) {
            rate = slewing ? speed / 2 : speed;
        }
        return (long) Math.min(Long.MAX_VALUE, Math.ceil(ahead / rate));
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
