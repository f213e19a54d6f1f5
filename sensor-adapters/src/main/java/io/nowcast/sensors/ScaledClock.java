package io.nowcast.sensors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that runs {@code speed} times faster than a base clock, starting at a chosen instant:
 * {@code instant() = origin + (base.instant() - baseAtStart) * speed}. The demo runs the simulated
 * station on one at e.g. 600× (ten simulated minutes per real second).
 */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final Instant baseAtStart;
    private final Instant origin;
    private final double speed;
    private final ZoneId zone;

    private ScaledClock(Clock base, Instant baseAtStart, Instant origin, double speed, ZoneId zone) {
        this.base = base;
        this.baseAtStart = baseAtStart;
        this.origin = origin;
        this.speed = speed;
        this.zone = zone;
    }

    /**
     * @param base   the real clock (Clock.systemUTC() in production)
     * @param origin the instant the scaled clock shows now
     * @param speed  how many scaled seconds pass per base second (> 0)
     */
    public static ScaledClock startingAt(Clock base, Instant origin, double speed) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(origin, "origin");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0, got " + speed);
        }
        return new ScaledClock(base, base.instant(), origin, speed, base.getZone());
    }

    public double speed() {
        return speed;
    }

    /** How long the base clock takes for {@code scaled} to pass on this one. */
    public Duration baseDurationOf(Duration scaled) {
        return Duration.ofNanos(Math.round(scaled.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        Duration real = Duration.between(baseAtStart, base.instant());
        double scaledNanos = real.toNanos() * speed;
        return origin.plus(Duration.ofNanos(Math.round(scaledNanos)));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ScaledClock(base, baseAtStart, origin, speed, newZone);
    }
}
