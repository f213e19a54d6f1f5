package io.nowcast.runtime.station;

import io.nowcast.runtime.station.mqtt.RetainedMessage;
import java.time.Instant;

/**
 * What the station needs from its MQTT side besides the outbox (which
 * {@link io.nowcast.runtime.station.mqtt.MqttPublisher} drains): a retained message it can change
 * (the health), sent at once and after every (re)connection, not behind a backlog of forecasts;
 * the {@link MemoryQueue} published once the outbox has nothing left; and the publisher's counters.
 */
public interface Uplink extends AutoCloseable {
    /**
     * Makes {@code m} the retained message of its topic: published soon when connected (never
     * blocking the caller), and again after every (re)connection.
     */
    void retain(RetainedMessage m);

    /** The publisher's counters and last error, for the health message. */
    Stats stats();

    /** Stops; never throws. */
    @Override
    void close();

    /**
     * @param running          the publisher's delivery thread runs
     * @param connectionLosses connections that dropped since start
     * @param restarts         times the publisher was restarted after a failure of its own
     * @param deadLettered     messages set aside because the broker would not take them
     * @param lastError        the last error of the connection or of publishing, or null
     * @param lastErrorTime    when it happened, or null
     */
    record Stats(boolean running, long connectionLosses, long restarts, long deadLettered, String lastError,
            Instant lastErrorTime) {
        public static final Stats NONE = new Stats(true, 0, 0, 0, null, null);
    }

    /** No broker (tests of the station alone): retained messages are kept, nothing is sent. */
    Uplink NONE = new Uplink() {
        @Override
        public void retain(RetainedMessage m) {
            // nowhere to send it
        }

        @Override
        public Stats stats() {
            return Stats.NONE;
        }

        @Override
        public void close() {
            // nothing to stop
        }
    };
}
