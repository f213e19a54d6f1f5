package io.nowcast.runtime.station;

import io.nowcast.broker.BrokerException;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.broker.PahoClients;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.broker.TlsSockets;
import io.nowcast.runtime.station.outbox.Outbox;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * The station's second MQTT connection (client id {@code <mqtt.client_id>-direct}, same login and
 * TLS, no last will), for what must not wait behind the outbox: the retained health message given
 * to {@link #retain}, published at once and after every (re)connection, and the {@link MemoryQueue}
 * (messages the outbox could not take on a full or read-only disk), oldest first at
 * {@code mqtt.qos}, once the outbox has nothing left to deliver (so that order by seq holds) and each
 * one's seq is recorded; a message leaves the queue when the broker acknowledged it. A connection of
 * its own, so that the health still reaches subscribers while the publisher is stuck (a backlog, a
 * message being retried, a restart after a crash); the publisher's counters come from
 * {@link MqttPublisher#stats()}. Reconnects with the configured back-off; never ends the process.
 */
final class DirectUplink implements Uplink {
    private static final long ACK_TIMEOUT_MS = 15_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final BrokerSettings settings;
    private final Outbox outbox;
    private final MemoryQueue memory;
    private final MqttPublisher publisher;
    private final SSLSocketFactory tls;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<String, byte[]> retained = new LinkedHashMap<>(); // under lock
    private final Set<String> unsent = new LinkedHashSet<>(); // under lock: topics changed since sent
    private volatile boolean closed;
    private MqttAsyncClient client;

    DirectUplink(BrokerSettings settings, Outbox outbox, MemoryQueue memory, MqttPublisher publisher)
            throws BrokerException {
        this.settings = settings;
        this.outbox = outbox;
        this.memory = memory;
        this.publisher = publisher;
        this.tls = settings.tls() ? TlsSockets.factory(settings) : null;
        this.thread = new Thread(this::run, "mqtt-direct");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void retain(RetainedMessage m) {
        lock.lock();
        try {
            retained.put(m.topic(), m.payload());
            unsent.add(m.topic());
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Stats stats() {
        MqttPublisher.Stats p = publisher.stats();
        return new Stats(p.running(), p.connectionLosses(), p.restarts(), p.deadLettered(), p.lastError(), p.lastErrorAt());
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try {
                if (client == null || !client.isConnected()) {
                    connect();
                    failures = 0;
                }
                sendRetained();
                MemoryQueue.Message m = outbox.pending() == 0 ? memory.publishable() : null;
                if (m != null) {
                    client.publish(m.topic(), m.payload(), settings.qos(), false).waitForCompletion(ACK_TIMEOUT_MS);
                    memory.remove(m, true);
                    continue;
                }
                pause(POLL_NANOS, true);
            } catch (MqttException e) {
                if (closed) {
                    break;
                }
                drop();
                long wait = Math.min((long) settings.reconnectMinSeconds() << Math.min(failures++, 20),
                        settings.reconnectMaxSeconds());
                Logger.debug("MQTT {} (health and messages kept in memory): {}; again in {} s", settings.uri(),
                        BrokerLogin.describe(e), wait);
                pause(TimeUnit.SECONDS.toNanos(wait), false);
            }
        }
        drop();
    }

    private void connect() throws MqttException {
        drop();
        client = new MqttAsyncClient(settings.uri(), settings.clientId() + "-direct", new MemoryPersistence());
        MqttConnectOptions o = BrokerLogin.options(settings, tls);
        client.connect(o).waitForCompletion(ACK_TIMEOUT_MS * 2);
        lock.lock();
        try {
            unsent.addAll(retained.keySet()); // every retained message again on a new connection
        } finally {
            lock.unlock();
        }
    }

    private void sendRetained() throws MqttException {
        while (true) {
            String topic;
            byte[] payload;
            lock.lock();
            try {
                if (unsent.isEmpty()) {
                    return;
                }
                topic = unsent.iterator().next();
                unsent.remove(topic);
                payload = retained.get(topic);
            } finally {
                lock.unlock();
            }
            try {
                client.publish(topic, payload, 1, true).waitForCompletion(ACK_TIMEOUT_MS);
            } catch (MqttException e) {
                lock.lock();
                try {
                    unsent.add(topic);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        }
    }

    /** Waits up to {@code nanos}, or until a retained message changes when {@code wakeOnRetain}. */
    private void pause(long nanos, boolean wakeOnRetain) {
        lock.lock();
        try {
            while (nanos > 0 && !closed && !(wakeOnRetain && !unsent.isEmpty())) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void drop() {
        if (client != null) {
            PahoClients.release(client);
            client = null;
        }
    }

    /** Stops and disconnects; what waits in memory is lost (it never was on disk). */
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
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            drop();
        }
    }
}
