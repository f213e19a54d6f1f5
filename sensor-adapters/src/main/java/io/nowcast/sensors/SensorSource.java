package io.nowcast.sensors;

import java.time.Duration;
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

    /**
     * What the source reads, for people ({@code nowcast sensors}, {@code nowcast doctor}): its type,
     * and where that says too little, more (an mqtt sensor: its format, topic and broker).
     */
    default String describe() {
        return type();
    }

    /** Takes one reading now. Never throws; see the class comment. */
    Reading read();

    /**
     * Waits until a first {@link #read()} can have values: a source fed from outside (an mqtt
     * sensor) waits until every channel has had a message, at most {@code timeout}; a source that
     * measures when read returns at once. For one-off reads ({@code nowcast sensors}, {@code nowcast
     * doctor}); the station never waits.
     *
     * @return true when every channel has had data (always, for sources that measure when read)
     */
    default boolean awaitData(Duration timeout) throws InterruptedException {
        return true;
    }

    /** Releases the device. Never throws. */
    @Override
    void close();
}
