package io.nowcast.broker;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * How a station logs in to its broker, for the publisher and for {@code nowcast doctor} alike:
 * MQTT 3.1.1, a clean session, the keep-alive, the user name and password, and for {@code ssl://}
 * the socket factory of {@link TlsSockets} with the broker's host name checked against its
 * certificate; and what a failed connection means, in one line.
 */
public final class BrokerLogin {
    private BrokerLogin() {
    }

    /**
     * @param tls the socket factory of {@link TlsSockets#factory}, or null for {@code tcp://}
     */
    public static MqttConnectOptions options(BrokerSettings settings, SSLSocketFactory tls) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(30);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password());
        }
        if (tls != null) {
            o.setSocketFactory(tls);
            o.setHttpsHostnameVerificationEnabled(true); // Paho's default, stated: the certificate must name the host
        }
        return o;
    }

    /** One line that tells a user what went wrong, from Paho's reason code. */
    public static String describe(MqttException e) {
        return describe(e, "mqtt.username");
    }

    /**
     * {@link #describe(MqttException)} for a login given by other keys (an mqtt sensor's own broker:
     * {@code sensor.<id>.username}).
     */
    public static String describe(MqttException e, String usernameKey) {
        String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
        if (e.getCause() instanceof SSLException) {
            return "the TLS handshake failed" + cause;
        }
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                "the broker refused the user name or password (check " + usernameKey + " and the password) [reason 4]";
            case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                "the broker says this client is not authorised (check " + usernameKey + " and the password) [reason 5]";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "the broker rejected the client id [reason 2]";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker is unavailable [reason 3]";
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "cannot reach the broker" + cause;
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
            case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost" + cause;
            default -> e.getMessage() + cause + " [reason " + e.getReasonCode() + "]";
        };
    }
}
