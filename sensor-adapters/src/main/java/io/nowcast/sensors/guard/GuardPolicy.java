package io.nowcast.sensors.guard;

import io.nowcast.history.Quantity;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link GuardedSource} treats one sensor.
 *
 * @param timeout       longest a single read (with its retries) may block
 * @param attempts      tries per read for transient failures (>= 1); retry k waits retryDelay * 2^(k-1)
 * @param retryDelay    wait before the first retry inside one read
 * @param backoffFirst  wait after the first failed read before the device is tried again
 * @param backoffMax    cap of the doubling wait between failed reads
 * @param stuckAfter    identical values in a row that flag a channel stuck (0 = off); only
 *                      applied to temperature, humidity and pressure
 * @param ranges        physical range per quantity; a quantity without one is not range-checked
 */
public record GuardPolicy(Duration timeout, int attempts, Duration retryDelay,
                          Duration backoffFirst, Duration backoffMax, int stuckAfter,
                          Map<Quantity, PhysicalRange> ranges) {

    public GuardPolicy {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
        if (stuckAfter < 0) {
            throw new IllegalArgumentException("stuckAfter must be >= 0, got " + stuckAfter);
        }
        ranges = Map.copyOf(ranges);
    }

    /** Defaults: 2 s timeout, 3 attempts 50 ms apart (doubling), back-off 5 s doubling to 5 min. */
    public static GuardPolicy defaults(int stuckAfter, Map<Quantity, PhysicalRange> ranges) {
        return new GuardPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofMinutes(5), stuckAfter, ranges);
    }

    public GuardPolicy withTimeout(Duration t) {
        return new GuardPolicy(t, attempts, retryDelay, backoffFirst, backoffMax, stuckAfter, ranges);
    }

    public GuardPolicy withAttempts(int n) {
        return new GuardPolicy(timeout, n, retryDelay, backoffFirst, backoffMax, stuckAfter, ranges);
    }

    public GuardPolicy withBackoff(Duration first, Duration max) {
        return new GuardPolicy(timeout, attempts, retryDelay, first, max, stuckAfter, ranges);
    }

    public GuardPolicy withStuckAfter(int n) {
        return new GuardPolicy(timeout, attempts, retryDelay, backoffFirst, backoffMax, n, ranges);
    }
}
