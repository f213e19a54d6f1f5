package io.nowcast.sensors.guard;

import java.time.Duration;
import java.time.Instant;

/**
 * Spaces out attempts at a failing sensor: after the k-th failure in a row the next attempt waits
 * {@code min(first * 2^(k-1), max)}. One success resets it.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration first, Duration max) {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= first <= max, got " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
    }

    boolean mayAttempt(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    void failed(Instant now) {
        failures++;
        nextAttempt = now.plus(delayAfter(failures));
    }

    void succeeded() {
        failures = 0;
        nextAttempt = Instant.MIN;
    }

    int failures() {
        return failures;
    }

    Instant nextAttempt() {
        return nextAttempt;
    }

    /** The wait after {@code k} failures in a row (k >= 1). */
    Duration delayAfter(int k) {
        Duration d = first;
        for (int i = 1; i < k && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
