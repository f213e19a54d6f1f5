package io.nowcast.runtime.station.update;

import io.nowcast.broker.BrokerException;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.BrokerSubscription;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/**
 * The station's subscription to {@code nowcast/<id>/model/update}, on a connection of its own
 * (client id {@code <mqtt.client_id>-updates}): a station starts whether or not its broker is up, so
 * the first connection is tried on a daemon thread, again after a wait doubling from
 * {@code mqtt.reconnect_min_seconds} to {@code mqtt.reconnect_max_seconds}, until it works; from
 * then on {@link BrokerSubscription} reconnects by itself. A retained update arrives on every
 * connection.
 */
final class UpdateSubscriber implements AutoCloseable {
    private final BrokerSettings settings;
    private final String topic;
    private final BrokerSubscription.Handler handler;
    private final ScheduledExecutorService thread;
    private BrokerSubscription subscription; // on the thread, then read by close()
    private long waitSeconds;
    private boolean logged;

    private UpdateSubscriber(BrokerSettings station, String topic, BrokerSubscription.Handler handler) {
        this.settings = new BrokerSettings(station.uri(), station.clientId() + "-updates", 1, station.username(),
                station.password(), station.caFile(), station.clientKeystore(), station.clientKeystorePassword(),
                station.keepAliveSeconds(), station.reconnectMinSeconds(), station.reconnectMaxSeconds());
        this.topic = topic;
        this.handler = handler;
        this.waitSeconds = station.reconnectMinSeconds();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-updates-" + station.clientId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts subscribing in the background. */
    static UpdateSubscriber start(BrokerSettings station, String topic, BrokerSubscription.Handler handler) {
        UpdateSubscriber s = new UpdateSubscriber(station, topic, handler);
        s.thread.execute(s::attempt);
        return s;
    }

    private void attempt() {
        try {
            BrokerSubscription opened = BrokerSubscription.open(settings, List.of(topic), handler,
                    notice -> Logger.info("Model updates: {}", notice));
            synchronized (this) {
                subscription = opened;
            }
            Logger.info("Model updates: subscribed to {} on {}", topic, settings.uri());
        } catch (MqttException e) {
            if (!logged) {
                logged = true;
                Logger.warn("Model updates: cannot subscribe to {} on {}: {}; trying again, waiting up to {} s (logged "
                        + "once)", topic, settings.uri(), e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED
                                ? "the broker refused the subscription (may this user read it?)" : BrokerLogin.describe(e),
                        settings.reconnectMaxSeconds());
            }
            long wait = waitSeconds;
            waitSeconds = Math.min(waitSeconds * 2, settings.reconnectMaxSeconds());
            try {
                thread.schedule(this::attempt, wait, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closed) {
                // closed meanwhile
            }
        } catch (BrokerException e) {
            Logger.error("Model updates: {}; no update will be received", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    /** True once subscribed (tests wait for it). */
    synchronized boolean subscribed() {
        return subscription != null;
    }

    /** Stops trying and unsubscribes. Never throws. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
