package io.nowcast.runtime.sensors;

import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.broker.BrokerException;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.broker.TlsSockets;
import io.nowcast.sensors.BrokerConnector;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.mqtt.BrokerEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Where the station's mqtt sensors connect (docs/sensors.md, "mqtt"): to the station's own broker,
 * with its login and TLS ({@code mqtt.*}), or, when a sensor names one with {@code broker}, to that
 * one with the sensor's own {@code username}, {@code password_file} or {@code password_env} and
 * {@code tls.*} keys, which mirror the station's. The options are made as the station's publisher
 * makes its own ({@link BrokerLogin}, {@link TlsSockets}).
 *
 * <p>Client ids: {@code <station client id>-sensor-<id>} for {@code nowcast run}; a one-off look
 * ({@code nowcast sensors}, {@code nowcast doctor}) adds {@code -check-<pid>}, so that it does not take
 * the running station's subscriptions over (a broker drops the older of two clients with one id).
 */
public final class SensorBrokers implements BrokerConnector {
    private static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;
    private static final int DEFAULT_RECONNECT_MAX_SECONDS = 120;

    private final BrokerSettings station;
    private final String clientIdBase;
    private final String clientIdSuffix;
    private final Map<String, String> env;

    private SensorBrokers(BrokerSettings station, String clientIdBase, String clientIdSuffix, Map<String, String> env) {
        this.station = station;
        this.clientIdBase = clientIdBase;
        this.clientIdSuffix = clientIdSuffix;
        this.env = Map.copyOf(env);
    }

    /** For {@code nowcast run}: the station's broker, client ids {@code <station client id>-sensor-<id>}. */
    public static SensorBrokers forStation(BrokerSettings station, Map<String, String> env) {
        return new SensorBrokers(station, station.clientId(), "", env);
    }

    /**
     * For a one-off look beside a running station.
     *
     * @param station the station's broker, or null when the file sets none (then every mqtt sensor
     *                must name its own)
     */
    public static SensorBrokers forCheck(BrokerSettings station, String clientIdBase, Map<String, String> env) {
        return new SensorBrokers(station, clientIdBase, "-check-" + ProcessHandle.current().pid(), env);
    }

    @Override
    public BrokerEndpoint endpoint(SensorConfig sensor) throws ConfigException {
        String clientId = clientIdBase + "-sensor-" + sensor.id() + clientIdSuffix;
        boolean own = sensor.has("broker");
        BrokerSettings b;
        if (own) {
            b = own(sensor, clientId);
        } else if (station != null) {
            b = new BrokerSettings(station.uri(), clientId, 1, station.username(), station.password(), station.caFile(),
                    station.clientKeystore(), station.clientKeystorePassword(), station.keepAliveSeconds(),
                    station.reconnectMinSeconds(), station.reconnectMaxSeconds());
        } else {
            throw new ConfigException(sensor.where("broker") + " is missing, and the file sets no mqtt.broker for the "
                    + "sensor to share (set one of them; see docs/sensors.md)");
        }
        SSLSocketFactory tls = null;
        if (b.tls()) {
            try {
                tls = TlsSockets.factory(b);
            } catch (BrokerException e) {
                throw new ConfigException((own ? sensor.where("broker") : sensor.where("type") + ", the station's mqtt.tls.*")
                        + ": " + e.getMessage());
            }
        }
        MqttConnectOptions options = BrokerLogin.options(b, tls);
        String usernameKey = own ? "sensor." + sensor.id() + ".username" : "mqtt.username";
        return new BrokerEndpoint(b.uri(), clientId, options, Duration.ofSeconds(b.reconnectMaxSeconds()),
                e -> BrokerLogin.describe(e, usernameKey));
    }

    /** The sensor's own broker and login; its keys were checked with the file (docs/sensors.md). */
    private BrokerSettings own(SensorConfig s, String clientId) throws ConfigException {
        char[] password = null;
        if (s.has("password_file")) {
            password = secret(s, "password_file");
        } else if (s.has("password_env")) {
            String variable = s.text("password_env");
            String value = env.get(variable);
            if (value == null) {
                throw new ConfigException(s.where("password_env") + " = '" + variable
                        + "': the name of a set environment variable (" + variable + " is not set)");
            }
            password = value.toCharArray();
        }
        Path ca = s.has("tls.ca_file") ? s.path("tls.ca_file") : null;
        Path keystore = s.has("tls.client_keystore") ? s.path("tls.client_keystore") : null;
        char[] keystorePassword = s.has("tls.client_keystore_password_file")
                ? secret(s, "tls.client_keystore_password_file") : null;
        int keepAlive = station != null ? station.keepAliveSeconds() : DEFAULT_KEEP_ALIVE_SECONDS;
        int reconnectMax = station != null ? station.reconnectMaxSeconds() : DEFAULT_RECONNECT_MAX_SECONDS;
        return new BrokerSettings(s.text("broker"), clientId, 1, s.value("username").orElse(null), password, ca,
                keystore, keystorePassword, keepAlive, 1, reconnectMax);
    }

    private static char[] secret(SensorConfig s, String key) throws ConfigException {
        try {
            return StationConfig.readSecret(s.path(key));
        } catch (IOException e) {
            throw new ConfigException(s.where(key) + " = '" + s.text(key) + "': not a readable file (" + s.path(key) + ")");
        }
    }
}
