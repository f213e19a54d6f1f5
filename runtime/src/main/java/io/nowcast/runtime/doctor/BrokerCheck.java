package io.nowcast.runtime.doctor;

import io.nowcast.broker.BrokerException;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.broker.TlsSockets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The broker takes a connection with the station's credentials and TLS settings, made as the
 * station makes it ({@link BrokerLogin}, {@link TlsSockets}: the certificate must be signed by the
 * CA and name the host). It connects under its own client id, without a last will, and publishes
 * nothing, so that a running station keeps its connection.
 */
final class BrokerCheck implements Check {
    private static final String SUBJECT = "broker";
    private static final long WAIT_MS = 15_000;

    private final BrokerSettings settings;

    BrokerCheck(BrokerSettings settings) {
        this.settings = settings;
    }

    @Override
    public CheckResult run() {
        SSLSocketFactory tls;
        try {
            tls = settings.tls() ? TlsSockets.factory(settings) : null;
        } catch (BrokerException e) {
            return CheckResult.fail(SUBJECT, settings.uri() + ": " + e.getMessage(), "correct mqtt.tls.* (docs/station.md)");
        }
        String who = settings.username() == null ? "anonymously" : "as " + settings.username();
        try {
            MqttAsyncClient client = new MqttAsyncClient(settings.uri(), settings.clientId() + "-doctor", new MemoryPersistence());
            try {
                client.connect(BrokerLogin.options(settings, tls)).waitForCompletion(WAIT_MS);
                client.disconnect().waitForCompletion(WAIT_MS);
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            return CheckResult.fail(SUBJECT, settings.uri() + " " + who + ": " + BrokerLogin.describe(e), fix(e));
        }
        return CheckResult.pass(SUBJECT, settings.uri() + ": connected " + who
                + (tls == null ? " without TLS" : " over TLS, the certificate valid for the host"));
    }

    private static String fix(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                "correct mqtt.username and the password (mqtt.password_file or mqtt.password_env), or the broker's password file";
            default -> e.getCause() instanceof SSLException
                ? "connect by a name the broker's certificate holds (mqtt.broker), and set mqtt.tls.ca_file to the CA "
                    + "that signed it; a client certificate goes in mqtt.tls.client_keystore"
                : "start the broker, or correct mqtt.broker; check that the firewall lets the port through";
        };
    }
}
