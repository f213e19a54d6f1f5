package io.nowcast.sensors;

import java.time.Duration;

/** Waits for a conversion or a retry delay; tests hand in one that only records the waits. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Thread.sleep. */
    Sleeper REAL = duration -> Thread.sleep(duration);
}
