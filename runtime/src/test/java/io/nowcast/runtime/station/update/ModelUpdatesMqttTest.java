package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.sensors.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station's update subscriber on a real Mosquitto: every refusal reason, each changing nothing in
 * the store and reported with its code; an accepted update made current by takeReady; the retained
 * update seen again after a restart taken as a repeat.
 */
class ModelUpdatesMqttTest {
    private static final String STATION = "st";
    private static final String TOPIC = "nowcast/st/model/update";
    private static final int MAX_BYTES = 8192;

    @TempDir
    Path dir;
    private Mosquitto broker;
    private MqttClient workstation;
    private Updates.Signer signer;
    private Updates.Signer stranger;
    private Path base;
    private ModelStore store;
    private ModelUpdates updates;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir.resolve("broker"));
        workstation = new MqttClient(broker.tcpUri(), "workstation", new MemoryPersistence());
        workstation.connect();
        signer = Updates.Signer.create(dir.resolve("keys"), "workstation");
        stranger = Updates.Signer.create(dir.resolve("keys"), "stranger");
        base = Files.write(dir.resolve("model.ncm"), Updates.model(0));
        store = ModelStore.open(dir.resolve("data"), base);
        updates = station();
    }

    private ModelUpdates station() throws IOException {
        UpdateSettings settings = new UpdateSettings(List.of(signer.pub()), TrustedKeys.read(List.of(signer.pub())),
                MAX_BYTES, null);
        ModelUpdates u = new ModelUpdates(STATION, settings, store, ModelInfo.load(store.current().file(), "float"),
                TestModels.CHANNELS, "float", Instant::now);
        u.listen(BrokerSettings.plain(broker.tcpUri(), "nowcast-st"));
        Await.until("the update subscription", 20, u::listening);
        return u;
    }

    @AfterEach
    void stop() throws Exception {
        updates.close();
        store.close();
        workstation.disconnect();
        workstation.close();
        broker.close();
    }

    /** Publishes {@code m} and returns the result it leads to. */
    private UpdateResult send(byte[] m, boolean retained) throws Exception {
        long before = updates.resultCount();
        workstation.publish(TOPIC, m, 1, retained);
        Await.until("a result", 20, () -> updates.resultCount() > before);
        assertEquals(before + 1, updates.resultCount());
        return updates.lastResult();
    }

    /** Every file of the store with its bytes (the lock file aside). */
    private Map<String, String> storeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("data/models"))) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("lock")) {
                    files.put(p.getFileName().toString(), Arrays.toString(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    private void assertRefused(Refusal expected, String reasonPart, byte[] message) throws Exception {
        Map<String, String> before = storeFiles();
        UpdateResult r = send(message, false);
        assertEquals(UpdateResult.Outcome.REFUSED, r.outcome(), r.toString());
        assertEquals(expected, r.refusal(), r.detail());
        assertTrue(r.detail().contains(reasonPart), r.detail());
        assertEquals(before, storeFiles(), "a refused update changes nothing in the store");
        assertTrue(updates.takeReady().isEmpty());
        assertEquals(0, updates.runningVersion());
    }

    @Test
    void everyRefusalChangesNothingAndSaysWhy() throws Exception {
        byte[] good = Updates.message(STATION, 5, signer, Updates.model(1));
        int modelStart = 92 + STATION.length();
        assertRefused(Refusal.TOO_LARGE, "with model.update.max_bytes = 8192 at most 8412 are taken", Updates.message(STATION, 5, signer,
                Updates.model(1, 600, 6, 32, "temperature", "humidity")));
        assertRefused(Refusal.MALFORMED, "not a model update", "online".getBytes(StandardCharsets.US_ASCII));
        assertRefused(Refusal.TRUNCATED, "cut off on the way", Updates.cut(good, good.length - 10));
        assertRefused(Refusal.WRONG_STATION, "signed for station 'elsewhere'", Updates.message("elsewhere", 5, signer,
                Updates.model(1)));
        assertRefused(Refusal.UNKNOWN_KEY, "not among model.update.public_key", Updates.message(STATION, 5, stranger,
                Updates.model(1)));
        assertRefused(Refusal.BAD_SIGNATURE, "does not verify", Updates.flip(good, modelStart + 40));
        assertRefused(Refusal.BAD_SIGNATURE, "does not verify", Updates.flip(good, 8)); // the version, raised
        assertRefused(Refusal.DIGEST_MISMATCH, "the header says", Updates.message(STATION, 5, signer, Updates.model(1),
                new byte[32]));
        byte[] ncm = Updates.model(1);
        assertRefused(Refusal.INVALID_MODEL, "v5.ncm: file length is", Updates.message(STATION, 5, signer,
                Arrays.copyOf(ncm, ncm.length - 100)));
        assertRefused(Refusal.INVALID_MODEL, "CRC", Updates.message(STATION, 5, signer, Updates.flip(ncm, ncm.length / 2)));
        assertRefused(Refusal.WRONG_INTERVAL, "interval is 300 s", Updates.message(STATION, 5, signer,
                Updates.model(1, 300, 6, 4, "temperature")));
        assertRefused(Refusal.WRONG_INPUTS, "model input 'wind_speed'", Updates.message(STATION, 5, signer,
                Updates.model(1, 600, 6, 4, "temperature", "wind_speed")));

        UpdateResult accepted = send(good, true);
        assertEquals(UpdateResult.Outcome.ACCEPTED, accepted.outcome(), String.valueOf(accepted.detail()));
        ReadyModel ready = updates.takeReady().orElseThrow();
        assertEquals(5, ready.version());
        assertTrue(ready.keepsWindow(), "same inputs, same T: the window goes on");
        assertEquals(ModelStore.sha256(dir.resolve("data/models/v5.ncm")), ready.info().sha256());
        assertEquals(5, store.current().version());
        assertEquals(0, store.previous().version());

        Map<String, String> before = storeFiles();
        for (long v : new long[] {5, 4}) {
            UpdateResult r = send(Updates.message(STATION, v, signer, Updates.model(2)), false);
            assertEquals(Refusal.NOT_NEWER, r.refusal());
            assertTrue(r.detail().startsWith("version " + v + " is not newer than 5"), r.detail());
        }
        assertEquals(before, storeFiles());

        // The health member, read back as JSON
        JsonWriter w = new JsonWriter().beginObject();
        updates.writeHealth(w);
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) JsonReader.parse(
                w.endObject().toString())).get("model_update");
        assertEquals("refused", health.get("result"));
        assertEquals("not_newer", health.get("code"));
        assertEquals(4L, ((Number) health.get("version")).longValue());
        assertEquals(5L, ((Number) health.get("running_version")).longValue());
    }

    @Test
    void theRetainedUpdateIsARepeatAfterARestartAndANewerOneRunsWithANewWindowWhenInputsChange() throws Exception {
        assertEquals(UpdateResult.Outcome.ACCEPTED, send(Updates.message(STATION, 7, signer, Updates.model(1)), true)
                .outcome());
        updates.takeReady().orElseThrow();
        updates.close(); // a restart: the broker sends the retained version 7 again on the new subscription
        updates = station();
        assertEquals(7, updates.runningVersion());
        byte[] other = Updates.model(3, 600, 6, 4, "temperature", "pressure");
        UpdateResult r = send(Updates.message(STATION, 8, signer, other), false); // the next result is this one's
        assertEquals(UpdateResult.Outcome.ACCEPTED, r.outcome());
        assertEquals(8, r.version());
        assertNull(r.refusal());
        ReadyModel ready = updates.takeReady().orElseThrow();
        assertEquals(false, ready.keepsWindow(), "other inputs: the window fills again");
        assertEquals(List.of(8L, 7L), List.of(store.current().version(), store.previous().version()));
    }

    @Test
    void aModelTheStationRefusesIsTakenBackOutOfTheStoreAndNotTakenAgain() throws Exception {
        Map<String, String> before = storeFiles();
        assertEquals(UpdateResult.Outcome.ACCEPTED, send(Updates.message(STATION, 3, signer, Updates.model(1)), true)
                .outcome());
        ReadyModel ready = updates.takeReady().orElseThrow();
        assertEquals(3, store.current().version());

        // what Station.requestModel tells its listener when the engine cannot be built, say
        updates.stationRefused(ready, "out of memory");
        assertEquals(0, store.current().version(), "the store names the model still running");
        assertEquals(0, updates.runningVersion());
        UpdateResult r = updates.lastResult();
        assertEquals(UpdateResult.Outcome.FAILED, r.outcome());
        assertEquals("the station cannot run it: out of memory", r.detail());
        assertEquals(3, r.version());
        Map<String, String> after = storeFiles();
        after.keySet().removeIf(f -> f.equals("state"));
        before.keySet().removeIf(f -> f.equals("state"));
        assertEquals(before, after, "v3.ncm is gone again");

        // A restart: the retained version 3 comes again on the new subscription and is a repeat (no
        // result); another version 3, sent after it on the same subscription, is refused as not newer
        updates.close();
        updates = station();
        assertEquals(0, updates.runningVersion());
        assertEquals(3, store.highest().version());
        UpdateResult other = send(Updates.message(STATION, 3, signer, Updates.model(2)), false);
        assertEquals(Refusal.NOT_NEWER, other.refusal(), other.toString());
        assertTrue(updates.takeReady().isEmpty(), "neither the repeat nor the other version 3 is taken");
    }
}
