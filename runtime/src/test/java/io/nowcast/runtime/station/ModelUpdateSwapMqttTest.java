package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.skill.SkillSettings;
import io.nowcast.runtime.station.update.ModelStore;
import io.nowcast.runtime.station.update.ModelUpdates;
import io.nowcast.runtime.station.update.TrustedKeys;
import io.nowcast.runtime.station.update.UpdateSettings;
import io.nowcast.runtime.station.update.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop closed on a real Mosquitto (docs/updates.md): a station runs on a hand-moved clock, a
 * signed update is published on {@code nowcast/<id>/model/update}, the station's loop takes it
 * between two intervals and the forecasts go on with {@code seq} contiguous, the new model's SHA-256
 * in the forecasts after the swap and in the retained {@code model} message, {@code model_update}
 * accepted on the health topic; then a tampered update is refused, visibly on the health topic, and
 * the new model runs on. After a restart of the broker, the model message the station sends again is
 * the one it runs.
 */
class ModelUpdateSwapMqttTest {
    private static final String STATION = "garden";
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-04-01T00:05:00Z");

    @TempDir
    Path dir;

    private static String updateResult(Subscriber sub) {
        JsonNode h = sub.newest("/health");
        return h == null || !h.has("model_update") ? null : h.get("model_update").get("result").asText();
    }

    @Test
    void aSignedUpdateSwapsBetweenTwoIntervalsAndARefusedOneShowsOnTheHealth() throws Exception {
        Path base = Files.write(dir.resolve("model.ncm"), Updates.model(0));
        byte[] next = Updates.model(1); // same inputs and T = 6: the window is kept
        Updates.Signer signer = Updates.Signer.create(dir.resolve("keys"), "workstation");
        UpdateSettings settings = new UpdateSettings(List.of(signer.pub()), TrustedKeys.read(List.of(signer.pub())),
                UpdateSettings.DEFAULT_MAX_BYTES, null);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "watcher", "nowcast/#")) {
            StationConfig c = new StationConfig(STATION, dir.resolve("data"), base, "float", 2, 13, 1 << 20,
                    BrokerSettings.plain(broker.tcpUri(), STATION), false, "homeassistant", 3, List.of(), true,
                    SkillSettings.DEFAULT, settings);
            try (ModelStore store = ModelStore.open(c.dataDir(), c.modelFile())) {
                ModelInfo info = ModelInfo.load(store.current().file(), "float");
                try (StationService service = StationService.start(c, info, EngineKind.of("float").create(info.model()),
                        TestModels.CHANNELS)) {
                    StationDriver d = new StationDriver(service.station(), START, 60);
                    try (ModelUpdates updates = new ModelUpdates(STATION, settings, store, info, TestModels.CHANNELS,
                            "float", d.clock::instant)) {
                        d.loop.takeUpdates(updates);
                        updates.listen(BrokerSettings.plain(broker.tcpUri(), STATION + "-updates"));
                        Await.until("the update subscription", 20, updates::listening);

                        // T = 6: the 6th interval closed makes forecast 0; 8 intervals make forecasts 0..2
                        d.runUntil(START.plusSeconds(8 * DT + 1));
                        Await.until("forecasts 0..2", 20, () -> sub.bySeq("/forecast").size() == 3);

                        MqttClient workstation = new MqttClient(broker.tcpUri(), "workstation", new MemoryPersistence());
                        workstation.connect();
                        byte[] update = Updates.message(STATION, 1, signer, next);
                        workstation.publish(ModelUpdates.topic(service.station().topics()), update, 1, true);
                        Await.until("the update accepted", 20, () -> updates.resultCount() == 1);
                        d.runUntil(START.plusSeconds(12 * DT + 1));
                        Await.until("forecasts 0..6", 20, () -> sub.bySeq("/forecast").size() == 7);
                        Await.until("model_update accepted on the health topic", 20,
                                () -> "accepted".equals(updateResult(sub)));
                        assertEquals(1, sub.newest("/health").get("model_update").get("running_version").asLong());
                        assertEquals(1, store.current().version());

                        // A tampered update (one byte of the model flipped): refused, nothing changes
                        workstation.publish(ModelUpdates.topic(service.station().topics()),
                                Updates.flip(Updates.message(STATION, 2, signer, Updates.model(2)), 200), 1, false);
                        Await.until("the tampered update refused", 20, () -> updates.resultCount() == 2);
                        d.runUntil(START.plusSeconds(14 * DT + 1));
                        Await.until("forecasts 0..8", 20, () -> sub.bySeq("/forecast").size() == 9);
                        Await.until("model_update refused on the health topic", 20,
                                () -> "refused".equals(updateResult(sub)));
                        JsonNode refused = sub.newest("/health").get("model_update");
                        assertEquals("bad_signature", refused.get("code").asText(), refused.toString());
                        assertEquals(2, refused.get("version").asLong());
                        assertEquals(1, refused.get("running_version").asLong());
                        assertEquals(1, store.current().version());
                        workstation.disconnect();
                        workstation.close();

                        // The broker restarts without persistence: the retained messages are gone, and what the
                        // station sends again on its new connections must be the model it runs now, not model.file
                        broker.stop();
                        broker.start();
                        String nextSha = store.current().sha256();
                        try (Subscriber after = new Subscriber(broker.tcpUri(), "after-restart", "nowcast/garden/#")) {
                            Await.until("status online and the model again, after the restart", 30,
                                    () -> !after.on("/garden/model").isEmpty()
                                            && after.on("/status").stream().anyMatch(m -> m.payload().equals("online")));
                            Thread.sleep(500); // anything else sent on reconnection arrives meanwhile
                            for (Subscriber.Received m : after.on("/garden/model")) {
                                assertEquals(nextSha, m.json().get("sha256").asText(), "model after reconnection");
                            }
                        }
                    }
                }
            }
            String baseSha = ModelInfo.load(base, "float").sha256();
            String nextSha = ModelInfo.load(dir.resolve("data/models/v1.ncm"), "float").sha256();
            Map<Long, JsonNode> f = sub.bySeq("/forecast");
            assertEquals(LongStream.range(0, 9).boxed().toList(), List.copyOf(f.keySet()), "seq contiguous across the swap");
            List<String> models = f.values().stream().map(n -> n.get("model_sha256").asText()).toList();
            int firstNew = models.indexOf(nextSha);
            assertEquals(3, firstNew, "forecasts 0..2 came before the update, 3 is the first after it: " + models);
            assertEquals(List.of(baseSha), models.subList(0, firstNew).stream().distinct().toList(), models.toString());
            assertEquals(List.of(nextSha), models.subList(firstNew, 9).stream().distinct().toList(), models.toString());
            for (Subscriber.Received r : sub.all()) {
                if (!r.topic().endsWith("/model/update")) {
                    MqttSchemas.assertValid(r.topic(), r.payload());
                }
            }
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late", "nowcast/garden/model")) {
                Await.until("the retained model message", 10, () -> late.all().size() == 1);
                assertEquals(nextSha, late.all().get(0).json().get("sha256").asText());
            }
        }
    }
}
