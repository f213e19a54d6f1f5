package io.nowcast.runtime.station;

import io.nowcast.engine.testing.ReferenceEngine;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.engine.model.Model;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A station publishing through a real Mosquitto: every message received checked against its schema. */
class StationMqttTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final long DT = 600;

    @TempDir
    Path dir;

    @Test
    void everyMessageMatchesItsSchemaAndHomeAssistantGetsItsConfigsAgainWhenItAnnouncesItself() throws Exception {
        Model model = TestModels.weather(3, DT);
        ModelInfo info = TestModels.info(model);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "schema-sub", "#");
                Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
                Station station = new Station("garden", info, new ReferenceEngine(model), TestModels.CHANNELS,
                        box, dir, 1, 13)) {
            List<RetainedMessage> discovery = HomeAssistantDiscovery.configs("homeassistant", station.topics(),
                    station.channels(), info, 3 * DT);
            MqttPublisher pub = new MqttPublisher(BrokerSettings.plain(broker.tcpUri(), "garden"), station.topics(), box,
                    List.of(new RetainedMessage(station.topics().model(), Payloads.model("garden", info))), discovery,
                    "homeassistant/status");
            pub.start();
            for (int k = 0; k < 6; k++) {
                for (int i = 0; i < 3; i++) {
                    Instant t = T0.plusSeconds(k * DT - 200 + i * 200L);
                    station.reading(0, t, 5 + k, true);
                    station.reading(1, t, 80, k != 4); // humidity rejected in interval 4: a filled, degraded forecast
                    station.reading(2, t, 1010, true);
                }
            }
            station.advanceTo(T0.plusSeconds(6 * DT));
            Await.until("6 observations and 4 forecasts", 30,
                    () -> sub.on("/observation").size() >= 6 && sub.on("/forecast").size() >= 4);
            int configs = discovery.size();
            assertEquals(3 + 2, configs, "one sensor per channel and per output");
            Await.until("the discovery configs", 10, () -> sub.all().stream()
                    .filter(r -> r.topic().startsWith("homeassistant/")).count() >= configs);

            for (Subscriber.Received r : sub.all()) {
                MqttSchemas.assertValid(r.topic(), r.payload());
            }
            List<JsonNode> forecasts = sub.on("/forecast").stream().map(Subscriber.Received::json).toList();
            assertEquals(List.of(false, false, true, true),
                    forecasts.stream().map(f -> f.get("degraded").asBoolean()).toList());
            JsonNode temperatureConfig = sub.all().stream()
                    .filter(r -> r.topic().equals("homeassistant/sensor/nowcast_garden/obs_temperature/config"))
                    .findFirst().orElseThrow().json();
            assertEquals("temperature", temperatureConfig.get("device_class").asText());
            assertEquals("°C", temperatureConfig.get("unit_of_measurement").asText());
            assertEquals(1800, temperatureConfig.get("expire_after").asInt());
            assertEquals("nowcast/garden/status", temperatureConfig.get("availability_topic").asText());
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late-sub", "homeassistant/#")) {
                Await.until("retained configs for a late subscriber", 10, () -> late.all().size() == configs);
                assertTrue(late.all().stream().allMatch(Subscriber.Received::retained));
            }

            // Home Assistant restarts and announces itself: every config comes again.
            MqttClient ha = new MqttClient(broker.tcpUri(), "home-assistant", new MemoryPersistence());
            ha.connect();
            ha.publish("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), 1, false);
            ha.disconnect();
            ha.close();
            Await.until("the configs sent again", 10, () -> sub.all().stream()
                    .filter(r -> r.topic().startsWith("homeassistant/sensor/")).count() >= 2L * configs);
            pub.close();
            Await.until("status offline on a clean stop", 10, () -> sub.on("/status").stream()
                    .anyMatch(r -> r.payload().equals("offline")));
        }
    }

    @Test
    void theSchemasRejectWhatTheyShould() {
        String good = "{\"station\":\"a\",\"seq\":0,\"epoch\":\"2026-02-27T08:00:00Z\","
                + "\"time\":\"2026-03-01T00:00:00Z\",\"interval_s\":600,"
                + "\"channels\":[{\"name\":\"t\",\"unit\":\"°C\",\"value\":null,\"status\":\"missing\",\"readings\":0,\"rejected\":3}]}";
        assertDoesNotThrow(() -> MqttSchemas.assertValid("nowcast/a/observation", good));
        assertThrows(AssertionError.class, () -> MqttSchemas.assertValid("nowcast/a/observation",
                good.replace("\"seq\":0", "\"seq\":-1")));
        assertThrows(AssertionError.class, () -> MqttSchemas.assertValid("nowcast/a/observation",
                good.replace("\"value\":null", "\"value\":3.5")), "a missing value must be null");
        assertThrows(AssertionError.class, () -> MqttSchemas.assertValid("nowcast/a/observation",
                good.replace("\"epoch\":\"2026-02-27T08:00:00Z\",", "")), "the stream epoch is required");
        assertThrows(AssertionError.class, () -> MqttSchemas.assertValid("nowcast/a/status", "maybe"));
    }
}
