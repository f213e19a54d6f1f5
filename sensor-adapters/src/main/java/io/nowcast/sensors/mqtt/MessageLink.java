package io.nowcast.sensors.mqtt;

/**
 * Where an {@link MqttSource}'s messages come from: a subscription at a broker ({@link MqttSubscriber}),
 * or in tests messages handed in directly.
 */
interface MessageLink {
    /** Receives one message; called on the link's own thread, one message at a time. */
    @FunctionalInterface
    interface Handler {
        void message(String topic, byte[] payload, boolean retained);
    }

    /** Starts delivering the messages of {@code topics} to {@code handler}; returns at once. */
    void start(java.util.List<String> topics, Handler handler);

    /** Null while messages can arrive; otherwise why they cannot, e.g. {@code not connected to tcp://...: ...}. */
    String trouble();

    /** Where the messages come from, e.g. {@code tcp://broker:1883}. */
    String origin();

    /** Stops delivering and releases the connection. Never throws. */
    void close();
}
