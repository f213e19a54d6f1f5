package io.nowcast.runtime.station.mqtt;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The broker's answer to one operation (CONNACK, PUBACK, SUBACK, UNSUBACK), waited for at most a
 * given time and no longer than a stop flag allows. Paho's own {@code waitForCompletion(timeout)}
 * cannot serve: once it has timed out the token keeps that timeout as its result, so it cannot be
 * waited for in slices, and a pending connect is not ended by {@code disconnectForcibly} (measured
 * with Paho 1.2.5 against a server that never answers): a caller waiting on it would wait out the
 * whole timeout even while the station is stopping.
 *
 * <p>Pass the answer as the operation's listener, then {@link #await} it; one answer per operation.
 */
final class Answer implements IMqttActionListener {
    private static final long SLICE_MS = 100;

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    @Override
    public void onSuccess(IMqttToken token) {
        done.countDown();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
        failure = e;
        done.countDown();
    }

    /**
     * Returns when the broker has answered {@code token} (this answer's operation).
     *
     * @throws MqttException the operation's failure; {@link MqttException#REASON_CODE_CLIENT_TIMEOUT}
     *                       when no answer came within {@code timeoutMs};
     *                       {@link MqttException#REASON_CODE_CLIENT_CLOSED} when {@code stop} said so first
     */
    void await(IMqttToken token, long timeoutMs, BooleanSupplier stop) throws MqttException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!done.await(SLICE_MS, TimeUnit.MILLISECONDS) && !token.isComplete()) {
            if (stop.getAsBoolean()) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_CLOSED);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
            }
        }
        Throwable f = failure != null ? failure : token.getException();
        if (f instanceof MqttException m) {
            throw m;
        }
        if (f != null) {
            throw new MqttException(f);
        }
    }
}
