package io.nowcast.runtime.station.mqtt;

import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * Delivers the {@link Outbox} to the broker, oldest first, one message at a time: an entry leaves
 * the outbox only after the broker has acknowledged it (PUBACK for QoS 1). Paho's own buffering
 * is off (clean session, in-memory persistence, no automatic reconnect): when the connection
 * drops, what was in flight stays in the outbox and is sent again, so a subscriber may see a
 * message twice, never zero times.
 *
 * <p>On each connection it sets the retained {@code status} to {@code online} (the last will sets
 * it to {@code offline}), publishes the retained messages it was given, and, when Home Assistant
 * discovery messages are given, subscribes to Home Assistant's status topic and publishes them
 * again whenever Home Assistant announces {@code online}.
 *
 * <p>A failed connection (broker down, wrong password, TLS refused) is logged as one line saying
 * why and retried after a back-off that doubles from {@code reconnect_min} to {@code
 * reconnect_max}; it never ends the process.
 */
public final class MqttPublisher implements AutoCloseable {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    private static final long ACK_TIMEOUT_MS = 15_000;
    private static final long POLL_MS = 250;
    /** 1 ms waits for Paho's stale in-flight count (about 2 s) before the connection is given up. */
    private static final long MAX_IN_FLIGHT_WAITS = 2_000;

    private final BrokerSettings settings;
    private final StationTopics topics;
    private final Outbox outbox;
    private final List<RetainedMessage> retained;
    private final List<RetainedMessage> discovery;
    private final String homeAssistantStatusTopic;
    private final SSLSocketFactory sslFactory;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean discoveryRequested;
    private volatile boolean connected;
    private volatile String lastError;
    private volatile AckListener ackListener = (entry, nanoTime) -> { };
    private MqttAsyncClient client;

    /** Told of each entry the broker acknowledged, on the publisher's thread. */
    @FunctionalInterface
    public interface AckListener {
        void acknowledged(OutboxEntry entry, long nanoTime);
    }

    /**
     * @param retained                 published (retained) on every connection
     * @param discovery                Home Assistant discovery configs: published (retained) on every
     *                                 connection and when Home Assistant announces itself; empty for none
     * @param homeAssistantStatusTopic where Home Assistant announces itself ({@code homeassistant/status})
     * @throws BrokerException when the TLS files cannot be used
     */
    public MqttPublisher(BrokerSettings settings, StationTopics topics, Outbox outbox, List<RetainedMessage> retained,
            List<RetainedMessage> discovery, String homeAssistantStatusTopic) throws BrokerException {
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.retained = List.copyOf(retained);
        this.discovery = List.copyOf(discovery);
        this.homeAssistantStatusTopic = homeAssistantStatusTopic;
        this.sslFactory = settings.tls() ? TlsSockets.factory(settings) : null;
        this.thread = new Thread(this::run, "mqtt-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void onAck(AckListener listener) {
        this.ackListener = listener;
    }

    /** True while a connection to the broker is up. */
    public boolean connected() {
        return connected;
    }

    /** Why the last connection attempt or publish failed, or null. */
    public String lastError() {
        return lastError;
    }

    /** Connection attempts that failed since start. */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** Connections made since start. */
    public long connections() {
        return connections.get();
    }

    /** Outbox entries the broker has acknowledged since start. */
    public long delivered() {
        return delivered.get();
    }

    private void run() {
        int failures = 0;
        long inFlightWaits = 0; // consecutive 1 ms waits for Paho's in-flight count
        while (!closed) {
            try {
                if (!connected) {
                    connect();
                    failures = 0;
                }
                if (discoveryRequested) {
                    discoveryRequested = false;
                    publishRetained(discovery);
                }
                OutboxEntry entry = outbox.next(POLL_MS, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    client.publish(entry.topic(), entry.payload(), settings.qos(), false).waitForCompletion(ACK_TIMEOUT_MS);
                    outbox.ack(entry.index());
                    delivered.incrementAndGet();
                    ackListener.acknowledged(entry, System.nanoTime());
                }
                inFlightWaits = 0;
            } catch (MqttException e) {
                if (closed) {
                    break;
                }
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && inFlightWaits < MAX_IN_FLIGHT_WAITS) {
                    // Paho ends waitForCompletion before its callback thread has taken the message off
                    // its in-flight count (paho.mqtt.java issue #551), so sending quickly one at a time
                    // can meet "too many publishes in progress" on a healthy connection. The entry is
                    // still the outbox's oldest: wait for the count to catch up and send it again.
                    inFlightWaits++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                inFlightWaits = 0;
                boolean wasConnected = connected;
                dropConnection();
                lastError = BrokerLogin.describe(e);
                if (wasConnected) {
                    Logger.warn("MQTT {}: connection lost ({}); {} messages wait in the outbox", settings.uri(), lastError,
                            outbox.pending());
                    pause(settings.reconnectMinSeconds()); // a connection that keeps dropping never spins
                } else {
                    connectFailures.incrementAndGet();
                    long wait = backoffSeconds(failures++);
                    Logger.error("MQTT {}: cannot connect: {}; retrying in {} s", settings.uri(), lastError, wait);
                    pause(wait);
                }
            } catch (IOException e) {
                lastError = "outbox: " + e.getMessage();
                Logger.error("Outbox read failed: {}; retrying in {} s", e.getMessage(), settings.reconnectMinSeconds());
                pause(settings.reconnectMinSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private long backoffSeconds(int failures) {
        long wait = (long) settings.reconnectMinSeconds() << Math.min(failures, 20);
        return Math.min(wait, settings.reconnectMaxSeconds());
    }

    private void connect() throws MqttException {
        dropConnection();
        client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectOptions o = BrokerLogin.options(settings, sslFactory);
        o.setWill(topics.status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(o).waitForCompletion(ACK_TIMEOUT_MS * 2);
        connected = true;
        connections.incrementAndGet();
        lastError = null;
        Logger.info("MQTT {}: connected as {}; {} messages wait in the outbox", settings.uri(), settings.clientId(),
                outbox.pending());
        client.publish(topics.status(), ONLINE.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(ACK_TIMEOUT_MS);
        publishRetained(retained);
        if (!discovery.isEmpty()) {
            publishRetained(discovery);
            client.subscribe(homeAssistantStatusTopic, 1).waitForCompletion(ACK_TIMEOUT_MS);
        }
    }

    /** One at a time: Paho allows only 10 QoS 1 messages in flight, and a station may have more configs. */
    private void publishRetained(List<RetainedMessage> messages) throws MqttException {
        for (RetainedMessage m : messages) {
            client.publish(m.topic(), m.payload(), 1, true).waitForCompletion(ACK_TIMEOUT_MS);
        }
    }

    private void dropConnection() {
        connected = false;
        if (client == null) {
            return;
        }
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            Logger.debug("MQTT: closing a dead connection: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("MQTT: releasing the client: {}", e.getMessage());
        }
        client = null;
    }

    private void pause(long seconds) {
        lock.lock();
        try {
            long nanos = TimeUnit.SECONDS.toNanos(seconds);
            while (nanos > 0 && !closed) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops delivering. When connected, sets the status to {@code offline} first (retained) and
     * disconnects cleanly; what is still in the outbox stays there for the next start.
     */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(ACK_TIMEOUT_MS * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the request; closing goes on
        }
        if (client != null && connected) {
            try {
                client.publish(topics.status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5000);
                client.disconnect().waitForCompletion(5000);
            } catch (MqttException e) {
                Logger.warn("MQTT {}: could not say offline before closing: {}", settings.uri(), BrokerLogin.describe(e));
            }
        }
        dropConnection();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            Logger.debug("MQTT: connection lost: {}", cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(homeAssistantStatusTopic)
                    && ONLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8).trim())) {
                discoveryRequested = true;
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Delivery is confirmed through the token the publisher waits on.
        }
    }
}
