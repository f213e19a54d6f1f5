package io.nowcast.broker;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/** What every connection of the station does with a Paho client it gives up. */
public final class PahoClients {
    private PahoClients() {
    }

    /**
     * Drops the connection at once (no DISCONNECT packet waited for: it also ends a connect still
     * waiting for its CONNACK) and releases the client's threads and files. Never throws.
     */
    public static void release(MqttAsyncClient c) {
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            Logger.debug("MQTT: closing a connection: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            Logger.debug("MQTT: releasing a client: {}", e.getMessage());
        }
    }
}
