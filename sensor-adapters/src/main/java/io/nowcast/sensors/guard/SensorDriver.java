package io.nowcast.sensors.guard;

import io.nowcast.sensors.SensorException;

/**
 * One opened device: measures when asked, throws when it cannot. {@link GuardedSource} turns
 * every failure into MISSING or REJECTED channels, so drivers stay simple.
 */
public interface SensorDriver extends AutoCloseable {

    /** Takes one measurement. Blocking is allowed; the guard bounds it with a timeout. */
    Sample measure() throws SensorException, InterruptedException;

    /** Releases the device; must not throw. */
    @Override
    void close();

    /** Opens a driver: checks the device is there and what it should be, reads calibration. */
    @FunctionalInterface
    interface Opener {
        SensorDriver open() throws SensorException, InterruptedException;
    }
}
