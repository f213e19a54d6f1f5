package io.nowcast.sensors.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A subscription at a broker with Paho: connects in the background, subscribes (QoS 1) on every
 * connection (a clean session keeps no subscription), and when the connection fails or drops tries
 * again after 1 s, 2 s, 4 s ... up to {@link BrokerEndpoint#reconnectMax()}, for as long as the source
 * is open. Nothing here blocks the station: {@link #trouble()} reads a field.
 *
 * <p>It reconnects itself instead of using Paho's automatic reconnect: in Paho 1.2.5 that runs on a
 * non-daemon {@code java.util.Timer} that {@code close()} does not stop while a reconnect cycle is
 * on (only a successful reconnect stops it), and its back-off delay is a static field shared by every
 * client in the JVM. Here one daemon thread per sensor does the connecting, and {@link #close()} ends it.
 */
final class MqttSubscriber implements MessageLink, MqttCallback {
    private static final int QOS = 1;
    private static final long FIRST_RETRY_MS = 1000;
    private static final int SUBSCRIPTION_REFUSED = 0x80; // MQTT 3.1.1 section 3.9.3: SUBACK return code Failure

    private final String sensorId;
    private final BrokerEndpoint endpoint;
    private final ScheduledExecutorService connector;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    private volatile String trouble;
    private String[] topics;
    private Handler handler;
    private long retryMs = FIRST_RETRY_MS;   // connector thread only
    private String lastLogged;               // connector thread only

    MqttSubscriber(String sensorId, BrokerEndpoint endpoint) {
        this.sensorId = sensorId;
        this.endpoint = endpoint;
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-sensor-" + sensorId);
            t.setDaemon(true);
            return t;
        });
        this.trouble = "not connected to " + endpoint.uri() + " yet";
    }

    @Override
    public void start(List<String> topicFilters, Handler messages) {
        this.topics = topicFilters.toArray(new String[0]);
        this.handler = messages;
        try {
            client = new MqttAsyncClient(endpoint.uri(), endpoint.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            trouble = "cannot use broker " + endpoint.uri() + ": " + endpoint.describe().apply(e);
            Logger.error("Sensor {}: {}", sensorId, trouble);
            return;
        }
        client.setCallback(this);
        submit(this::connect, 0);
    }

    @Override
    public String trouble() {
        return trouble;
    }

    @Override
    public String origin() {
        return endpoint.uri() + " as " + endpoint.clientId();
    }

    /** Connects and subscribes; on the connector thread. */
    private void connect() {
        if (closed) {
            return;
        }
        MqttConnectOptions o = endpoint.options();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        long waitMs = (o.getConnectionTimeout() > 0 ? o.getConnectionTimeout() : 30) * 1000L + 5000;
        try {
            client.connect(o).waitForCompletion(waitMs);
            IMqttToken subscription = client.subscribe(topics, qos(topics.length));
            subscription.waitForCompletion(waitMs);
            for (int granted : subscription.getGrantedQos()) {
                if (granted == SUBSCRIPTION_REFUSED) {
                    failed("the broker refused the subscription to " + String.join(", ", topics)
                            + " (is this user allowed to read it?)");
                    return;
                }
            }
        } catch (MqttException e) {
            failed(endpoint.describe().apply(e));
            return;
        }
        trouble = null;
        retryMs = FIRST_RETRY_MS;
        lastLogged = null;
        Logger.info("Sensor {}: subscribed to {} at {} as {}", sensorId, String.join(", ", topics), endpoint.uri(),
                endpoint.clientId());
    }

    /** Records why there is no subscription, and tries again later; on the connector thread. */
    private void failed(String why) {
        if (closed) {
            return; // an attempt cut short by close()
        }
        trouble = "not connected to " + endpoint.uri() + ": " + why;
        if (!why.equals(lastLogged)) {
            Logger.warn("Sensor {}: {}; trying again, every {} s at most", sensorId, trouble,
                    endpoint.reconnectMax().toSeconds());
            lastLogged = why;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            Logger.debug("Sensor {}: disconnect after a failure: {}", sensorId, e.getMessage());
        }
        submit(this::connect, retryMs);
        retryMs = Math.min(retryMs * 2, endpoint.reconnectMax().toMillis());
    }

    private void submit(Runnable task, long delayMs) {
        if (closed) {
            return;
        }
        try {
            connector.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing more to do
        }
    }

    private static int[] qos(int n) {
        int[] q = new int[n];
        java.util.Arrays.fill(q, QOS);
        return q;
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (closed) {
            return;
        }
        String why = "connection lost" + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
        trouble = "not connected to " + endpoint.uri() + ": " + why;
        submit(() -> failed(why), 0);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            handler.message(topic, message.getPayload(), message.isRetained());
        } catch (RuntimeException e) {
            // The handler turns every payload into channel states and is not meant to throw; if it
            // does, Paho would drop the connection over it: log it with its trace and go on.
            Logger.error(e, "Sensor {}: a message on {} could not be handled", sensorId, topic);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // a subscriber publishes nothing
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            if (!connector.awaitTermination(10, TimeUnit.SECONDS)) {
                Logger.warn("Sensor {}: the connecting thread did not stop within 10 s", sensorId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        if (c != null) {
            release(c);
        }
        trouble = "closed";
    }

    /**
     * Disconnects and closes the client. A connection attempt that close() cut short may still be
     * under way inside Paho (it refuses to close then): wait for it to end, at most 10 s.
     */
    private void release(MqttAsyncClient c) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                if (c.isConnected()) {
                    c.disconnect(0).waitForCompletion(2000);
                }
                c.close(true);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECT_IN_PROGRESS
                        && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_CONNECTED) {
                    Logger.debug("Sensor {}: closing the MQTT client: {}", sensorId, e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Logger.warn("Sensor {}: the MQTT client did not close within 10 s", sensorId);
    }

    @Override
    public String toString() {
        return "MqttSubscriber[" + sensorId + " at " + endpoint.uri() + ", " + Objects.requireNonNullElse(trouble, "subscribed") + "]";
    }
}
