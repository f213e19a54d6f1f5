package io.nowcast.trainer.publish;

import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.broker.PahoClients;
import io.nowcast.broker.TlsSockets;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes one signed model update, retained at QoS 1, on {@code nowcast/<id>/model/update}, and
 * keeps versions going up: it first reads the update the broker retains for that station (if any)
 * and refuses a version that is not greater.
 */
public final class ModelPublisher {
    /** After the SUBACK, how long to wait for a retained update (the broker sends it right after). */
    static final long RETAINED_WAIT_MS = 1000;
    /** Longest wait for the broker's answer to the subscription and to the publication (a large model). */
    static final long ANSWER_MS = 120_000;

    /** What was sent: the version, the message's size, and the version the broker retained before (0: none). */
    public record Published(long version, int bytes, long previousVersion) {
    }

    private ModelPublisher() {
    }

    /**
     * @param version the version to give the model, or 0 for the default: the current Unix time in
     *                seconds, or the retained version + 1 when that is greater
     * @throws IOException one line: the broker cannot be reached or refused (its reason), the version
     *                     is not greater than the retained one
     */
    public static Published publish(BrokerSettings broker, String stationId, long version, SigningKey key, byte[] model,
            Instant now) throws IOException, InterruptedException {
        String topic = UpdateMessage.topic(stationId);
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(broker.uri(), broker.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IOException("--broker " + broker.uri() + ": not a broker address (tcp://HOST:PORT or ssl://HOST:PORT)");
        }
        try {
            AtomicLong retained = new AtomicLong();
            CountDownLatch arrived = new CountDownLatch(1);
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // the waits below end with the broker's error
                }

                @Override
                public void messageArrived(String t, MqttMessage m) {
                    if (m.isRetained()) {
                        retained.set(Math.max(0, UpdateMessage.versionOf(m.getPayload())));
                        arrived.countDown();
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // waited for on the token
                }
            });
            c.connect(BrokerLogin.options(broker, broker.tls() ? TlsSockets.factory(broker) : null))
                    .waitForCompletion(ANSWER_MS);
            c.subscribe(topic, 1).waitForCompletion(ANSWER_MS);
            arrived.await(RETAINED_WAIT_MS, TimeUnit.MILLISECONDS);
            c.unsubscribe(topic).waitForCompletion(ANSWER_MS);
            long before = retained.get();
            long v = version > 0 ? version : Math.max(now.getEpochSecond(), before + 1);
            if (v <= before) {
                throw new IOException("--model-version " + v + " is not greater than the version the broker keeps for "
                        + stationId + " (" + before + "); a station takes only newer versions");
            }
            byte[] payload = UpdateMessage.encode(stationId, v, now, key, model);
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            m.setRetained(true);
            c.publish(topic, m).waitForCompletion(ANSWER_MS);
            c.disconnect().waitForCompletion(ANSWER_MS);
            return new Published(v, payload.length, before);
        } catch (MqttException e) {
            throw new IOException("broker " + broker.uri() + ": " + BrokerLogin.describe(e, "--username"));
        } finally {
            PahoClients.release(c);
        }
    }
}
