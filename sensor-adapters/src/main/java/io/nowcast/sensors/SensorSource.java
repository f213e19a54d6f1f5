package io.nowcast.sensors;

import java.util.List;

/**
 * A source of timestamped readings: a real sensor, the simulated station or a CSV replay.
 *
 * <p>{@link #read()} never throws and never invents a value: whatever goes wrong (an I/O error,
 * a timeout, a CRC failure, a value outside the sensor's physical range, a stuck sensor, a
 * device that vanished) shows up as channels with status MISSING or REJECTED and a reason.
 * One thread at a time calls {@code read()}; sources are not meant to be shared between threads.
 */
public interface SensorSource extends AutoCloseable {

    /** The sensor's id from the configuration ({@code sensor.<id>.type}). */
    String id();

    /** The configured type, e.g. {@code bme280}. */
    String type();

    /** The channels every reading of this source has, in order. */
    List<Channel> channels();

    /** Takes one reading now. Never throws; see the class comment. */
    Reading read();

    /** Releases the device. Never throws. */
    @Override
    void close();
}
