package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.skill.SkillSettings;
import io.nowcast.runtime.station.update.ModelStore;
import io.nowcast.runtime.station.update.ModelUpdates;
import io.nowcast.runtime.station.update.RollbackRule;
import io.nowcast.runtime.station.update.TrustedKeys;
import io.nowcast.runtime.station.update.UpdateSettings;
import io.nowcast.runtime.station.update.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic rollback on a real Mosquitto (docs/updates.md, "Rollback"): a station on a hand-moved
 * clock takes a signed update, judges it after {@code rollback_period} = 2 h against the model
 * before it from the live skill, and either goes back to that model between two intervals or keeps
 * the update for good; a restart during the period goes on with the same judgement.
 *
 * <p>The feed's temperature rises by 1 °C a minute ({@link CountingFeed}), so its change over the
 * hour the models forecast is exactly 60 °C: a model whose output is "+60 °C" errs by at most
 * 2.5 °C (its random weights, {@link Updates#model(long, float, long, int, int, String...)}), one of
 * "+0 °C" by about 60 °C, one of "+500 °C" by about 440 °C; so which is the better is known
 * beforehand, independently of the station's figures.
 */
class AutomaticRollbackMqttTest {
    private static final String STATION = "garden";
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-04-01T00:05:00Z");
    private static final Duration PERIOD = Duration.ofHours(2);

    @TempDir
    Path dir;

    /** A running station with its model store and updates; closed as a restart closes them. */
    private final class Running implements AutoCloseable {
        final ModelStore store;
        final StationService service;
        final StationDriver driver;
        final ModelUpdates updates;

        Running(StationConfig c, Instant at, long readingsSoFar) throws Exception {
            store = ModelStore.open(c.dataDir(), c.modelFile());
            ModelInfo info = ModelInfo.load(store.current().file(), "float");
            service = StationService.start(c, info, EngineKind.of("float").create(info.model()), TestModels.CHANNELS);
            driver = new StationDriver(service.station(), at, 60);
            driver.feed.readings = readingsSoFar; // the temperature goes on from where it was
            updates = new ModelUpdates(STATION, c.updates(), store, info, TestModels.CHANNELS, "float",
                    driver.clock::instant);
            driver.loop.takeUpdates(updates);
            updates.listen(BrokerSettings.plain(c.broker().uri(), STATION + "-updates"));
            Await.until("the update subscription", 20, updates::listening);
        }

        void runUntil(Instant t) {
            driver.runUntil(t);
        }

        /** The forecasts this run of the station made. */
        long forecasts() {
            return service.station().forecasts();
        }

        @Override
        public void close() throws IOException {
            try {
                updates.close();
                service.close();
            } finally {
                store.close();
            }
        }
    }

    private StationConfig config(String broker, Path pub, byte[] base) throws IOException {
        Path model = Files.write(dir.resolve("model.ncm"), base);
        UpdateSettings settings = new UpdateSettings(List.of(pub), TrustedKeys.read(List.of(pub)),
                UpdateSettings.DEFAULT_MAX_BYTES, new RollbackRule(PERIOD, 6));
        return new StationConfig(STATION, dir.resolve("data"), model, "float", 2, 13, 1 << 20,
                BrokerSettings.plain(broker, STATION), false, "homeassistant", 3, List.of(), true, SkillSettings.DEFAULT,
                settings);
    }

    /** The {@code model_update} objects of the health messages, in order, with a result other than accepted. */
    private static List<JsonNode> verdicts(Subscriber sub) {
        List<JsonNode> v = new ArrayList<>();
        for (Subscriber.Received r : sub.on("/health")) {
            JsonNode u = r.json().get("model_update");
            if (u != null && !u.get("result").asText().equals("accepted")
                    && (v.isEmpty() || !v.get(v.size() - 1).equals(u))) {
                v.add(u);
            }
        }
        return v;
    }

    /** SHA-256 of a model's bytes, lower-case hex: what a forecast's {@code model_sha256} must be. */
    private static String sha256(byte[] model) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(model));
    }

    private static void publish(String broker, byte[] message) throws Exception {
        MqttClient workstation = new MqttClient(broker, "workstation", new MemoryPersistence());
        workstation.connect();
        workstation.publish("nowcast/" + STATION + "/model/update", message, 1, true);
        workstation.disconnect();
        workstation.close();
    }

    private static void assertSchemas(Subscriber sub) throws IOException {
        for (Subscriber.Received r : sub.all()) {
            if (!r.topic().endsWith("/model/update")) {
                MqttSchemas.assertValid(r.topic(), r.payload());
            }
        }
    }

    @Test
    void aWorseUpdateIsRolledBackAfterItsPeriodEvenAcrossARestart() throws Exception {
        byte[] good = Updates.model(0, 60f, DT, 6, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
        byte[] worse = Updates.model(1, 500f, DT, 6, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
        Updates.Signer signer = Updates.Signer.create(dir.resolve("keys"), "workstation");
        Instant restart = START.plus(Duration.ofHours(6));
        Instant rolledBackBy;
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "watcher", "nowcast/#")) {
            StationConfig c = config(broker.tcpUri(), signer.pub(), good);
            long readings;
            long forecasts; // made by the first run (seqs 0 to forecasts - 1); the second goes on from there
            Instant swapAround;
            String judging; // the judgement on disk at the restart
            try (Running r = new Running(c, START, 0)) {
                // 5 h of the good model: forecasts from about 01:05, scored from about 02:05
                r.runUntil(START.plus(Duration.ofHours(5)));
                publish(broker.tcpUri(), Updates.message(STATION, 1, signer, worse));
                Await.until("the update accepted", 20, () -> r.updates.resultCount() == 1);
                swapAround = r.driver.clock.instant();
                r.runUntil(restart);
                assertEquals(1, r.store.current().version(), "the worse model runs, its period not over");
                judging = Files.readString(c.dataDir().resolve("models/judging"));
                readings = r.driver.feed.readings;
                forecasts = r.forecasts();
            }
            // The restart: the judgement goes on, from the swap, against the same figures. (The forecasts
            // made before it and due after it are not scored: the new model's first scores come an
            // hour and a window after the restart, and the verdict waits for 6 of them.)
            try (Running r = new Running(c, restart, readings)) {
                assertEquals(1, r.updates.runningVersion());
                r.runUntil(START.plus(Duration.ofHours(8)));
                assertEquals(1, r.store.current().version(), "too few scores yet");
                assertEquals(judging, Files.readString(c.dataDir().resolve("models/judging")), "the same judgement");
                r.runUntil(START.plus(Duration.ofHours(10)));
                assertEquals(0, r.store.current().version(), "rolled back to model.file");
                assertFalse(Files.exists(c.dataDir().resolve("models/judging")), "the verdict ends the judgement");
                long made = forecasts + r.forecasts();
                Await.until("every forecast made on the wire", 20, () -> sub.bySeq("/forecast").size() == made);
            }
            Await.until("the rollback on the health topic", 20,
                    () -> verdicts(sub).stream().anyMatch(u -> u.get("result").asText().equals("rolled_back")));
            List<JsonNode> verdicts = verdicts(sub);
            assertEquals(1, verdicts.size(), verdicts.toString());
            JsonNode back = verdicts.get(0);
            assertEquals(1, back.get("version").asLong(), back.toString());
            assertEquals(0, back.get("running_version").asLong(), back.toString());
            assertTrue(back.get("reason").asText().startsWith("mean RMSE ratio new/old "), back.toString());
            rolledBackBy = Instant.parse(back.get("time").asText());
            assertFalse(rolledBackBy.isBefore(swapAround.plus(PERIOD)), rolledBackBy + " a period after " + swapAround);

            String goodSha = ModelInfo.load(c.modelFile(), "float").sha256();
            String worseSha = sha256(worse);
            Map<Long, JsonNode> f = sub.bySeq("/forecast");
            List<Long> seqs = List.copyOf(f.keySet());
            assertEquals(LongStream.range(0, seqs.size()).boxed().toList(), seqs, "seq contiguous across both swaps");
            List<String> models = f.values().stream().map(n -> n.get("model_sha256").asText()).toList();
            int firstWorse = models.indexOf(worseSha);
            int firstBack = models.subList(firstWorse, models.size()).indexOf(goodSha) + firstWorse;
            assertTrue(firstWorse > 0 && firstBack > firstWorse, models.toString());
            assertEquals(List.of(worseSha), models.subList(firstWorse, firstBack).stream().distinct().toList());
            assertEquals(List.of(goodSha), models.subList(firstBack, models.size()).stream().distinct().toList());
            assertFalse(Instant.parse(f.get((long) firstBack).get("window_end").asText()).isBefore(rolledBackBy),
                    "the good model runs again from the interval after the verdict");
            assertSchemas(sub);
        }
    }

    @Test
    void aBetterUpdateIsKeptForGood() throws Exception {
        byte[] poor = Updates.model(0, 0f, DT, 6, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
        byte[] better = Updates.model(1, 60f, DT, 6, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
        Updates.Signer signer = Updates.Signer.create(dir.resolve("keys"), "workstation");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "watcher", "nowcast/#")) {
            StationConfig c = config(broker.tcpUri(), signer.pub(), poor);
            try (Running r = new Running(c, START, 0)) {
                r.runUntil(START.plus(Duration.ofHours(5)));
                publish(broker.tcpUri(), Updates.message(STATION, 1, signer, better));
                Await.until("the update accepted", 20, () -> r.updates.resultCount() == 1);
                r.runUntil(START.plus(Duration.ofHours(9)));
                assertEquals(1, r.store.current().version());
                assertFalse(Files.exists(c.dataDir().resolve("models/judging")), "the verdict ends the judgement");
                long made = r.forecasts();
                Await.until("every forecast made on the wire", 20, () -> sub.bySeq("/forecast").size() == made);
            }
            Await.until("the verdict on the health topic", 20, () -> !verdicts(sub).isEmpty());
            List<JsonNode> verdicts = verdicts(sub);
            assertEquals(1, verdicts.size(), verdicts.toString());
            JsonNode kept = verdicts.get(0);
            assertEquals("kept", kept.get("result").asText(), kept.toString());
            assertEquals(1, kept.get("running_version").asLong());
            String reason = kept.get("reason").asText();
            assertTrue(reason.startsWith("mean RMSE ratio new/old 0.0"), "about 2.5 / 60 at most: " + reason);
            assertNotNull(kept.get("time"));
            String betterSha = sha256(better);
            List<JsonNode> f = List.copyOf(sub.bySeq("/forecast").values());
            assertEquals(betterSha, f.get(f.size() - 1).get("model_sha256").asText());
            assertSchemas(sub);
        }
    }
}
