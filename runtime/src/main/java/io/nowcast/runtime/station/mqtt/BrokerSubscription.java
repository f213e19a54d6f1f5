package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.PahoClients;
import io.nowcast.broker.BrokerException;
import io.nowcast.broker.TlsSockets;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * A subscription that outlives broker restarts, for the views that watch a station ({@code nowcast
 * listen}, {@code nowcast demo}): the first connection is made at once (its failure is the caller's
 * error), and after a lost connection it connects again, after a back-off doubling from {@code
 * reconnect_min} to {@code reconnect_max}, and subscribes again (a clean session keeps no
 * subscription). Messages published while it is away are not seen; {@code seq} shows the gap.
 *
 * <p>It reconnects by itself, on one daemon thread, instead of with Paho's automatic reconnect: in
 * Paho 1.2.5 that runs on a non-daemon timer which {@code close()} does not stop while a reconnect
 * cycle is on, and its back-off is a static field shared by every client in the JVM.
 */
public final class BrokerSubscription implements AutoCloseable {
    /** Told of each message, on Paho's thread. */
    @FunctionalInterface
    public interface Handler {
        void message(String topic, byte[] payload);
    }

    private static final int QOS = 1;
    private static final int SUBSCRIPTION_REFUSED = 0x80; // MQTT 3.1.1 section 3.9.3: SUBACK return code Failure
    private static final long MAX_ANSWER_MS = 30_000;

    private final BrokerSettings settings;
    private final SSLSocketFactory tls;
    private final String[] filters;
    private final Handler handler;
    private final Consumer<String> notices;
    private final long answerMs;
    private final ScheduledExecutorService reconnector;
    private final Backoff backoff;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    private BrokerSubscription(BrokerSettings settings, List<String> filters, Handler handler, Consumer<String> notices)
            throws BrokerException {
        this.settings = settings;
        this.tls = settings.tls() ? TlsSockets.factory(settings) : null;
        this.filters = filters.toArray(new String[0]);
        this.handler = handler;
        this.notices = notices;
        int keepAlive = settings.keepAliveSeconds();
        this.answerMs = keepAlive > 0 ? Math.min(MAX_ANSWER_MS, keepAlive * 1000L) : MAX_ANSWER_MS;
        this.backoff = new Backoff(settings.reconnectMinSeconds(), settings.reconnectMaxSeconds());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-subscription-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects and subscribes to {@code filters} (QoS 1), and keeps doing so after every lost connection.
     *
     * @param notices told, one line each, when the connection is lost and when the subscription is back
     * @throws MqttException  when the first connection or subscription fails (a refused subscription:
     *                        {@link MqttException#REASON_CODE_SUBSCRIBE_FAILED}); nothing is left running
     * @throws BrokerException when the TLS files cannot be used
     */
    public static BrokerSubscription open(BrokerSettings settings, List<String> filters, Handler handler,
            Consumer<String> notices) throws MqttException, BrokerException, InterruptedException {
        BrokerSubscription s = new BrokerSubscription(settings, filters, handler, notices);
        try {
            s.connect();
        } catch (MqttException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void connect() throws MqttException, InterruptedException {
        MqttAsyncClient c = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
        client = c;
        c.setCallback(new Callback(c));
        try {
            Answer connected = new Answer();
            connected.await(c.connect(BrokerLogin.options(settings, tls), null, connected), answerMs, () -> closed);
            int[] qos = new int[filters.length];
            Arrays.fill(qos, QOS);
            Answer subscribed = new Answer();
            IMqttToken t = c.subscribe(filters, qos, null, subscribed);
            subscribed.await(t, answerMs, () -> closed);
            for (int granted : t.getGrantedQos()) {
                if (granted == SUBSCRIPTION_REFUSED) {
                    throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
                }
            }
        } catch (MqttException | InterruptedException | RuntimeException e) {
            forget(c);
            throw e;
        }
    }

    /** Releases a client that is done with; once only (Paho throws on a second close). */
    private synchronized void forget(MqttAsyncClient c) {
        if (client == c) {
            client = null;
            PahoClients.release(c);
        }
    }

    /** A lost connection: connect and subscribe again until it works or the subscription is closed. */
    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            connect();
            backoff.reset();
            notices.accept("connected to " + settings.uri() + " again; listening");
        } catch (MqttException e) {
            if (!closed) {
                long wait = backoff.next();
                Logger.debug("MQTT {}: reconnecting failed: {}; next try in {} s", settings.uri(), BrokerLogin.describe(e),
                        wait);
                schedule(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    /** On the reconnecting thread, as every use of the back-off. */
    private void lost(MqttAsyncClient owner, String why) {
        if (closed) {
            return;
        }
        forget(owner);
        long wait = backoff.next();
        notices.accept("lost the connection to " + settings.uri() + " (" + why + "); reconnecting in " + wait + " s");
        schedule(wait);
    }

    private void schedule(long seconds) {
        try {
            reconnector.schedule(this::reconnect, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Unsubscribes by disconnecting, and stops reconnecting. Never throws. */
    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        try {
            reconnector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        if (c.isConnected()) {
            try {
                c.disconnect().waitForCompletion(2000);
            } catch (MqttException e) {
                Logger.debug("MQTT: disconnect: {}", e.getMessage());
            }
        }
        forget(c);
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (closed || owner != client) {
                return;
            }
            String why = cause instanceof MqttException m ? BrokerLogin.describe(m)
                    : cause == null ? "connection lost" : "connection lost: " + cause.getMessage();
            try {
                reconnector.execute(() -> lost(owner, why)); // not on Paho's thread, which must not close its client
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                handler.message(topic, message.getPayload());
            } catch (RuntimeException e) {
                // Paho would drop the connection over an exception thrown here: log it and go on.
                Logger.error(e, "MQTT {}: a message on {} could not be handled", settings.uri(), topic);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // a subscriber publishes nothing
        }
    }
}
