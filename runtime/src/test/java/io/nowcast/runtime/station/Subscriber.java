package io.nowcast.runtime.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A test subscriber with a persistent session (clean session off, QoS 1): the broker queues what
 * arrives while it is away, across a broker restart, like a real consumer of forecasts.
 */
public final class Subscriber implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, boolean retained) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** The payload as JSON; an assertion error when it is not. */
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new AssertionError(topic + ": not JSON: " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public Subscriber(String uri, String clientId, String filter) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // The persistent session keeps the subscription across reconnects.
            }

            @Override
            public void connectionLost(Throwable cause) {
                // Automatic reconnect is on.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (received) {
                    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            message.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Subscriber only.
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        client.connect(o);
        client.subscribe(filter, 1);
    }

    /** A copy of what arrived so far on topics ending with {@code suffix}. */
    public List<Received> on(String suffix) {
        synchronized (received) {
            return received.stream().filter(r -> r.topic().endsWith(suffix)).toList();
        }
    }

    /** The newest message on topics ending with {@code suffix}, as JSON; null when none came yet. */
    public JsonNode newest(String suffix) {
        List<Received> on = on(suffix);
        return on.isEmpty() ? null : on.get(on.size() - 1).json();
    }

    /**
     * The JSON messages on topics ending in {@code suffix} by their {@code seq}, in order; a message
     * delivered again (same seq) is kept once.
     */
    public java.util.SortedMap<Long, JsonNode> bySeq(String suffix) {
        java.util.SortedMap<Long, JsonNode> m = new java.util.TreeMap<>();
        for (Received r : on(suffix)) {
            JsonNode j = r.json();
            m.put(j.get("seq").asLong(), j);
        }
        return m;
    }

    public List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
