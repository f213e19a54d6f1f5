package io.nowcast.runtime.station;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Where a station's readings come from: its sensors, each read at its own sample rate. */
public interface ReadingFeed extends AutoCloseable {
    /** Receives one channel value of one reading. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param channel index into {@link #channels()}
         * @param ok      false when the sensor marked the value missing or rejected (value is then NaN)
         */
        void reading(int channel, Instant time, double value, boolean ok) throws IOException;
    }

    /** Every channel the feed delivers, in a fixed order. */
    List<Channel> channels();

    /**
     * Reads every source whose sample time has come at {@code now}, passing each channel value to
     * {@code sink}.
     *
     * @return when the next source is due
     */
    Instant poll(Instant now, Sink sink) throws IOException;

    /** Releases the sensors; never throws. */
    @Override
    void close();
}
