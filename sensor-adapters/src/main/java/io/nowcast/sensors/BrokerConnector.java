package io.nowcast.sensors;

import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.mqtt.BrokerEndpoint;

/**
 * How mqtt sensors reach their broker: the application decides (the station hands over its own
 * {@code mqtt.*} settings, or a sensor's {@code broker}, {@code username}, {@code tls.*} keys when it
 * gives them), so that this library needs no notion of the station's configuration, secrets or TLS
 * files.
 */
@FunctionalInterface
public interface BrokerConnector {
    /** For applications without mqtt sensors: every mqtt sensor is a configuration error. */
    BrokerConnector NONE = sensor -> {
        throw new ConfigException(sensor.where("type") + " = mqtt: this program has no broker to give an mqtt sensor");
    };

    /**
     * Where and as whom the mqtt sensor {@code sensor} connects.
     *
     * @throws ConfigException naming the file, line and key when that cannot work (no broker at all,
     *                         an unreadable password file, a CA file that holds no certificate)
     */
    BrokerEndpoint endpoint(SensorConfig sensor) throws ConfigException;
}
