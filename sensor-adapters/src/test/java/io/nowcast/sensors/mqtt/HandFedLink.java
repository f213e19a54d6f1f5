package io.nowcast.sensors.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A message link without a broker: the test hands in each message, on its own thread. */
final class HandFedLink implements MessageLink {
    private List<String> topics;
    private Handler handler;
    private String trouble;
    private boolean closed;

    @Override
    public void start(List<String> topicFilters, Handler messages) {
        this.topics = List.copyOf(topicFilters);
        this.handler = messages;
    }

    /** A message as the broker would deliver it. */
    void publish(String topic, String payload) {
        handler.message(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    void publishRetained(String topic, String payload) {
        handler.message(topic, payload.getBytes(StandardCharsets.UTF_8), true);
    }

    void publishBytes(String topic, byte[] payload) {
        handler.message(topic, payload, false);
    }

    void trouble(String why) {
        trouble = why;
    }

    List<String> topics() {
        return topics;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String trouble() {
        return trouble;
    }

    @Override
    public String origin() {
        return "a test";
    }

    @Override
    public void close() {
        closed = true;
    }
}
