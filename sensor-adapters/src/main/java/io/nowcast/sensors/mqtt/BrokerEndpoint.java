package io.nowcast.sensors.mqtt;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an mqtt sensor reaches its broker, as the application hands it over (the station: its own
 * {@code mqtt.*} settings or the sensor's {@code broker}, {@code username}, {@code tls.*} keys). The
 * source sets a clean session and does its own reconnecting; everything else (login, TLS socket
 * factory, keep-alive, timeouts) is the application's.
 *
 * @param uri          {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId     the MQTT client id, unique at the broker
 * @param options      login, TLS and timeouts
 * @param reconnectMax the longest wait between two connection attempts (the first is 1 s, then doubling)
 * @param describe     one line saying what a failed connection means, for reasons and the log
 */
public record BrokerEndpoint(String uri, String clientId, MqttConnectOptions options, Duration reconnectMax,
        Function<MqttException, String> describe) {
    public BrokerEndpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(describe, "describe");
        if (reconnectMax.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("reconnectMax must be at least 1 s, got " + reconnectMax);
        }
    }

    @Override
    public String toString() {
        return "BrokerEndpoint[" + uri + ", clientId=" + clientId + "]"; // options hold the password
    }
}
