package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workstation's real commands ({@code nowcast-train keygen} and {@code publish-model}, from the
 * trainer module's build: {@link TrainerCommands}) against a real Mosquitto, and the station's
 * subscriber taking what they publish.
 */
class PublishToStationTest {
    @Test
    void publishModelReachesTheStationWhichTakesItWithVersionsGoingUp(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker")); TrainerCommands trainer = TrainerCommands.load()) {
            TrainerCommands.Run keygen = trainer.run("keygen", "--out", dir.resolve("keys").toString(), "--name", "ws");
            assertEquals(0, keygen.code(), keygen.err());
            Path base = Files.write(dir.resolve("model.ncm"), Updates.model(0));
            Path next = Files.write(dir.resolve("next.ncm"), Updates.model(1));
            Path pub = dir.resolve("keys/ws.pub");
            try (ModelStore store = ModelStore.open(dir.resolve("data"), base)) {
                ModelUpdates updates = new ModelUpdates("st", new UpdateSettings(List.of(pub),
                        TrustedKeys.read(List.of(pub)), UpdateSettings.DEFAULT_MAX_BYTES, null), store,
                        ModelInfo.load(base, "float"), TestModels.CHANNELS, "float", Instant::now);
                try (updates) {
                    updates.listen(BrokerSettings.plain(broker.tcpUri(), "nowcast-st"));
                    Await.until("the subscription", 20, updates::listening);
                    String[] publish = {"publish-model", "--model", next.toString(), "--key",
                        dir.resolve("keys/ws.key").toString(), "--broker", broker.tcpUri(), "--station", "st"};
                    long before = Instant.now().getEpochSecond();
                    TrainerCommands.Run first = trainer.run(publish);
                    assertEquals(0, first.code(), first.err());
                    assertTrue(first.out().contains("no update was retained before"), first.out());
                    Await.until("the station to accept it", 20, () -> updates.lastResult() != null);
                    UpdateResult r = updates.lastResult();
                    assertEquals(UpdateResult.Outcome.ACCEPTED, r.outcome(), r.detail());
                    assertTrue(r.version() >= before && r.version() <= Instant.now().getEpochSecond(),
                            "the default version is the Unix time: " + r.version());
                    ReadyModel ready = updates.takeReady().orElseThrow();
                    assertEquals(SwapKillTest.sha256(Files.readAllBytes(next)), ready.info().sha256());
                    assertEquals(r.version(), store.current().version());

                    // Again, within the same second: the version still goes up, past the retained one.
                    TrainerCommands.Run second = trainer.run(publish);
                    assertEquals(0, second.code(), second.err());
                    assertTrue(second.out().contains("replacing version " + r.version()), second.out());
                    Await.until("the second update", 20, () -> updates.resultCount() == 2);
                    assertEquals(UpdateResult.Outcome.ACCEPTED, updates.lastResult().outcome());
                    assertTrue(updates.lastResult().version() > r.version());

                    TrainerCommands.Run older = trainer.run(Stream.concat(Stream.of(publish),
                            Stream.of("--model-version", "3")).toArray(String[]::new));
                    assertEquals(1, older.code());
                    assertEquals("nowcast-train publish-model: --model-version 3 is not greater than the version the broker keeps for "
                            + "st (" + updates.lastResult().version() + "); a station takes only newer versions",
                            older.err().strip());
                }
            }
        }
    }
}
