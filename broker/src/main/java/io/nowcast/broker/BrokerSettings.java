package io.nowcast.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach and log in to the MQTT broker. Secrets are never part of {@link #toString()}.
 *
 * @param uri                    {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId               the MQTT client id
 * @param qos                    0, 1 or 2 for observations and forecasts (retained status, model and
 *                               discovery messages always use 1)
 * @param username               null for none
 * @param password               null for none
 * @param caFile                 PEM file of the CA(s) that signed the broker's certificate; null to
 *                               use the JDK's trust store
 * @param clientKeystore         PKCS#12 file with the client's certificate and key; null for none
 * @param clientKeystorePassword its password (null when there is no keystore)
 * @param keepAliveSeconds       MQTT keep-alive
 * @param reconnectMinSeconds    first wait after a failed or lost connection; doubles per failure, back to
 *                               this after a connection that stayed up for a minute
 * @param reconnectMaxSeconds    longest wait between two attempts
 */
public record BrokerSettings(String uri, String clientId, int qos, String username, char[] password, Path caFile,
        Path clientKeystore, char[] clientKeystorePassword, int keepAliveSeconds, int reconnectMinSeconds,
        int reconnectMaxSeconds) {

    public BrokerSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clientId, "clientId");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos is " + qos + ", allowed 0, 1 or 2");
        }
        if (reconnectMinSeconds < 1 || reconnectMaxSeconds < reconnectMinSeconds) {
            throw new IllegalArgumentException("reconnect back-off " + reconnectMinSeconds + ".." + reconnectMaxSeconds
                    + " s must be at least 1 s and min <= max");
        }
    }

    /** Plain settings for a broker without login or TLS (demo, listen, tests). */
    public static BrokerSettings plain(String uri, String clientId) {
        return new BrokerSettings(uri, clientId, 1, null, null, null, null, null, 30, 1, 30);
    }

    public boolean tls() {
        return uri.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "BrokerSettings[uri=" + uri + ", clientId=" + clientId + ", qos=" + qos + ", username=" + username
                + ", password=" + (password == null ? "none" : "(set)") + ", caFile=" + caFile + ", clientKeystore="
                + clientKeystore + ", keepAlive=" + keepAliveSeconds + "s, reconnect=" + reconnectMinSeconds + ".."
                + reconnectMaxSeconds + "s]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
