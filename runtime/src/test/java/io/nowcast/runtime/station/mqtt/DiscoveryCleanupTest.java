package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.BrokerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.HomeAssistantDiscovery;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.Subscriber;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No ghost entities in Home Assistant after a sensor is taken away: its retained config is cleared at start. */
class DiscoveryCleanupTest {
    private static final StationTopics TOPICS = new StationTopics("garden");
    private static final String NODE = "homeassistant/sensor/nowcast_garden/";

    @TempDir
    Path tmp;

    /** The retained configs a newcomer (Home Assistant starting) receives, by topic. */
    private static Set<String> retainedConfigs(Mosquitto broker) throws Exception {
        try (Subscriber late = new Subscriber(broker.tcpUri(), "late-" + System.nanoTime(), "homeassistant/#")) {
            TimeUnit.MILLISECONDS.sleep(700); // retained messages come right after the subscription
            Set<String> topics = new TreeSet<>();
            late.all().stream().filter(Subscriber.Received::retained).forEach(r -> topics.add(r.topic()));
            return topics;
        }
    }

    private static void runStation(Mosquitto broker, Path outbox, List<Channel> channels, ModelInfo info) throws Exception {
        List<RetainedMessage> discovery = HomeAssistantDiscovery.configs("homeassistant", TOPICS, channels, info, 1800);
        try (Outbox box = Outbox.open(outbox, 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(BrokerSettings.plain(broker.tcpUri(), "garden"), TOPICS, box, List.of(),
                    discovery, "homeassistant/status");
            pub.start();
            Await.until("connected", 20, pub::connected);
            Await.until("the configs published", 20, () -> retainedConfigs(broker).containsAll(
                    discovery.stream().map(RetainedMessage::topic).toList()));
            assertNull(pub.lastError(), "no failure");
            pub.close();
        }
    }

    @Test
    void theConfigOfAChannelTheStationNoLongerHasIsClearedAndNothingElse() throws Exception {
        ModelInfo info = TestModels.info(TestModels.weather(3, 600));
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"))) {
            // Another station's config, and another device's, on the same broker: not ours to clear.
            MqttClient other = new MqttClient(broker.tcpUri(), "other", new MemoryPersistence());
            other.connect();
            other.publish("homeassistant/sensor/nowcast_shed/obs_pressure/config", "{}".getBytes(StandardCharsets.UTF_8), 1, true);
            other.publish("homeassistant/binary_sensor/nowcast_garden/door/config", "{}".getBytes(StandardCharsets.UTF_8), 1, true);
            other.disconnect();
            other.close();

            runStation(broker, tmp.resolve("outbox"), TestModels.CHANNELS, info); // temperature, humidity, pressure
            assertEquals(Set.of(NODE + "obs_temperature/config", NODE + "obs_humidity/config", NODE + "obs_pressure/config",
                    NODE + "fc_temperature_1h_1h/config", NODE + "fc_humidity_1h_1h/config",
                    "homeassistant/sensor/nowcast_shed/obs_pressure/config",
                    "homeassistant/binary_sensor/nowcast_garden/door/config"), retainedConfigs(broker));

            // The pressure sensor is taken away.
            runStation(broker, tmp.resolve("outbox"), TestModels.CHANNELS.subList(0, 2), info);
            assertEquals(Set.of(NODE + "obs_temperature/config", NODE + "obs_humidity/config",
                    NODE + "fc_temperature_1h_1h/config", NODE + "fc_humidity_1h_1h/config",
                    "homeassistant/sensor/nowcast_shed/obs_pressure/config",
                    "homeassistant/binary_sensor/nowcast_garden/door/config"), retainedConfigs(broker));
        }
    }

    @Test
    void theFilterCoversTheSiblingsOfAConfig() {
        assertEquals("home/assistant/sensor/nowcast_a/+/config",
                MqttPublisher.siblingsFilter("home/assistant/sensor/nowcast_a/obs_t/config"));
        assertNull(MqttPublisher.siblingsFilter("homeassistant/sensor/nowcast_a/obs_t/state"));
        assertNull(MqttPublisher.siblingsFilter("obs_t/config"));
    }
}
