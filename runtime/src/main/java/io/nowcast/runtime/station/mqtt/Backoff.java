package io.nowcast.runtime.station.mqtt;

/**
 * A wait that doubles on each failure, from {@code minSeconds} up to {@code maxSeconds}, and falls
 * back to {@code minSeconds} only after {@link #reset()}: after something that kept working for a
 * while ({@link #STABLE_NANOS}), not after any success, so that a connection that breaks again at
 * once is retried ever more slowly. One thread only.
 */
final class Backoff {
    /** How long a connection (or the publisher's loop) must work before the wait falls back. */
    static final long STABLE_NANOS = 60_000_000_000L;

    private final long minSeconds;
    private final long maxSeconds;
    private int failures;

    Backoff(long minSeconds, long maxSeconds) {
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** The wait after one more failure, seconds: min, 2·min, 4·min, … capped at max. */
    long next() {
        long wait = minSeconds << Math.min(failures, 20);
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return Math.min(wait, maxSeconds);
    }

    /** Back to the shortest wait. */
    void reset() {
        failures = 0;
    }

    /** Resets when what failed had worked since {@code sinceNanos} (a {@link System#nanoTime()}) for long enough. */
    void resetIfStableSince(long sinceNanos) {
        if (System.nanoTime() - sinceNanos >= STABLE_NANOS) {
            reset();
        }
    }
}
