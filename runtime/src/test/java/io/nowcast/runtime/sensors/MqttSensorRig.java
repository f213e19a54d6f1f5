package io.nowcast.runtime.sensors;

import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A station's folder with a real Mosquitto: writes a configuration, builds its sensors as
 * {@code nowcast run} does ({@link StationConfig#sensorSetup}, {@link SensorBrokers}), and publishes
 * as a device would, with Paho.
 */
final class MqttSensorRig implements AutoCloseable {
    final Path dir;
    final Mosquitto broker;
    private final List<SensorSource> sources = new ArrayList<>();
    private final Pi4jPlatform platform = new Pi4jPlatform(); // no hardware is touched: mqtt sensors only

    MqttSensorRig(Path dir) throws IOException {
        this.dir = dir;
        this.broker = Mosquitto.start(dir.resolve("broker"));
    }

    /** A station's file: its id, this broker, and {@code lines}. */
    Path config(String... lines) throws IOException {
        StringBuilder text = new StringBuilder("station.id = garden\nmqtt.broker = " + broker.tcpUri() + "\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return Files.writeString(dir.resolve("station.conf"), text, StandardCharsets.UTF_8);
    }

    /** The sensors of {@code config}, built for {@code nowcast run}: connecting in the background. */
    List<SensorSource> sensors(Path config) throws ConfigException {
        StationConfig.SensorSetup setup = StationConfig.sensorSetup(config, Map.of());
        SensorBrokers brokers = setup.broker() != null ? SensorBrokers.forStation(setup.broker(), Map.of())
                : SensorBrokers.forCheck(null, setup.clientIdBase(), Map.of()); // every sensor names its own broker
        List<SensorSource> built = new SensorFactory(platform.hardware(), Clock.systemUTC(), brokers)
                .createAll(setup.sensors());
        sources.addAll(built);
        return built;
    }

    SensorSource sensor(String... lines) throws IOException {
        return sensors(config(lines)).get(0);
    }

    /** Publishes each message once (QoS 1), as a device does. */
    static void publish(String uri, String topic, String payload, boolean retained) throws MqttException {
        try (MqttClient c = new MqttClient(uri, "device-" + System.nanoTime(), new MemoryPersistence())) {
            c.connect();
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            m.setRetained(retained);
            c.publish(topic, m);
            c.disconnect();
        }
    }

    void publish(String topic, String payload) throws MqttException {
        publish(broker.tcpUri(), topic, payload, false);
    }

    /** Publishes until {@code source} reads {@code channel} as {@code value}: for a subscription that is on its way. */
    static void publishUntilRead(String uri, SensorSource source, String topic, String payload, String channel,
            double value) {
        io.nowcast.runtime.station.Await.until(source.id() + " to read " + channel + " = " + value, 30, () -> {
            publish(uri, topic, payload, false);
            Thread.sleep(100);
            Reading r = source.read();
            return r.channel(channel).filter(c -> c.isOk() && c.value() == value).isPresent();
        });
    }

    @Override
    public void close() {
        sources.forEach(SensorSource::close);
        broker.close();
        platform.close();
    }
}
