package io.nowcast.sensors;

import java.time.Duration;

/** Waits for a conversion or a retry delay; tests hand in one that only records the waits. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Thread.sleep, as Java 19's Thread.sleep(Duration): a zero or negative duration does not wait. */
    Sleeper REAL = duration -> {
        if (duration.compareTo(Duration.ZERO) > 0) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };
}
