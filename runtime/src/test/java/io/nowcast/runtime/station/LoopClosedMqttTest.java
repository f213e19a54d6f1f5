package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.update.TrainerCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's loop, closed, with nothing made by the test but the station's first model: a station
 * ({@code nowcast run}, its own JVM, the simulated sensor on an accelerated clock) writes its CSV
 * history; the workstation's commands ({@code nowcast-train keygen}, {@code train} on that history,
 * {@code publish-model}) make, sign and publish a model on a real Mosquitto; the running station
 * swaps it in between two intervals, and {@code nowcast/<id>/skill} scores it. Everything asserted is
 * what a subscriber received from the broker.
 */
class LoopClosedMqttTest {
    private static final String STATION = "loop";
    /** One 600 s interval every 50 ms of wall time. */
    private static final double CLOCK_SPEED = 12_000;
    /** Rows of history to train on: one simulated day of 600 s intervals. */
    private static final int HISTORY_ROWS = 144;
    /** Forecasts of the trained model scored before the station is stopped: 2 h of them (1 h horizon). */
    private static final int SCORED = 12;
    /** The station's first model's inputs, interval and window, which the trained model keeps: the window goes on. */
    private static final String[] PROBLEM = {"--inputs", "temperature,humidity,time_of_day_sin,time_of_day_cos",
        "--target", "temperature", "--horizon", "1h", "--interval", "10min", "--window", "6"};

    @TempDir
    Path dir;

    @Test
    void theStationsHistoryTrainedOnTheWorkstationIsPublishedSwappedInAndScored() throws Exception {
        Path station = Files.createDirectories(dir.resolve("station"));
        Path ws = Files.createDirectories(dir.resolve("workstation"));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "watcher", "nowcast/#");
                TrainerCommands trainer = TrainerCommands.load()) {
            TrainerCommands.Run keygen = trainer.run("keygen", "--out", ws.resolve("keys").toString(), "--name", "ws");
            assertEquals(0, keygen.code(), keygen.err());
            Files.copy(ws.resolve("keys/ws.pub"), station.resolve("ws.pub"));
            ModelWriter.write(TestModels.weather(6, 600), station.resolve("model.ncm"));
            String firstSha = sha256(station.resolve("model.ncm"));
            Path conf = Files.write(station.resolve("station.conf"), List.of("station.id = " + STATION,
                    "station.data_dir = data", "model.file = model.ncm", "model.update.public_key = ws.pub",
                    "mqtt.broker = " + broker.tcpUri(), "mqtt.reconnect_min_seconds = 1", "mqtt.reconnect_max_seconds = 1",
                    "homeassistant.discovery = false", "sensor.yard.type = simulated", "sensor.yard.interval = 60s",
                    "sensor.yard.channels = temperature, humidity, pressure"));
            Path trained = ws.resolve("out/model.ncm");
            try (NowcastRunProcess run = NowcastRunProcess.start(conf, CLOCK_SPEED, station.resolve("station.log"))) {
                Await.until(HISTORY_ROWS + " rows of history", 120, () -> {
                    run.assertRunning();
                    return history(station.resolve("data/history")).size() > HISTORY_ROWS;
                });
                Path csv = Files.write(ws.resolve("history.csv"), history(station.resolve("data/history")));
                // Small and quick: 4 hidden units, 3 epochs, one thread (the station runs on the other core)
                TrainerCommands.Run train = trainer.run(Stream.of(new String[] {"train", "--data", csv.toString()}, PROBLEM,
                        new String[] {"--hidden", "4", "--epochs", "3", "--engines", "float", "--threads", "1",
                            "--no-progress", "--out", ws.resolve("out").toString()}).flatMap(Stream::of).toArray(String[]::new));
                assertEquals(0, train.code(), train.err());
                TrainerCommands.Run publish = trainer.run("publish-model", "--model", trained.toString(), "--key",
                        ws.resolve("keys/ws.key").toString(), "--broker", broker.tcpUri(), "--station", STATION,
                        "--model-version", "1");
                assertEquals(0, publish.code(), publish.err());
                String sha = sha256(trained);
                Await.until(SCORED + " forecasts of the trained model scored", 60, () -> {
                    run.assertRunning();
                    List<JsonNode> skill = skillOf(sub, sha);
                    return !skill.isEmpty() && temperature(skill.get(skill.size() - 1)).get("30d").get("count").asLong()
                            >= SCORED;
                });
                run.stop();
            }
            Await.until("status offline", 20, () -> sub.on("/status").stream().anyMatch(m -> m.payload().equals("offline")));
            String sha = sha256(trained);
            assertArrayEquals(Files.readAllBytes(trained), Files.readAllBytes(station.resolve("data/models/v1.ncm")),
                    "the station stored the trained file byte for byte");

            assertForecastsSwitchOnceWithSeqContiguous(sub, firstSha, sha);
            assertModelUpdateAccepted(sub, sha, keyId(keygen.out()));
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late", "nowcast/" + STATION + "/model")) {
                Await.until("the retained model message", 10, () -> late.all().size() == 1);
                assertTrue(late.all().get(0).retained());
                JsonNode m = late.all().get(0).json();
                assertEquals(sha, m.get("sha256").asText(), "the retained model is the trained one");
                assertEquals(6, m.get("window").asInt());
                assertEquals(600, m.get("interval_s").asInt());
            }
            assertSkillIsTheWiresAndShowsWhetherItHelped(sub, firstSha, sha);
            for (Subscriber.Received r : sub.all()) {
                if (!r.topic().endsWith("/model/update")) {
                    MqttSchemas.assertValid(r.topic(), r.payload());
                }
            }
        }
    }

    /**
     * Forecasts {@code seq} 0..n−1, each once; those of the first model, then from one interval to
     * the next (the window kept) those of the trained model, never the first model again.
     */
    private static void assertForecastsSwitchOnceWithSeqContiguous(Subscriber sub, String firstSha, String trainedSha) {
        List<JsonNode> forecasts = sub.on("/forecast").stream().map(Subscriber.Received::json)
                .sorted(Comparator.comparingLong(f -> f.get("seq").asLong())).toList();
        assertEquals(LongStream.range(0, forecasts.size()).boxed().toList(),
                forecasts.stream().map(f -> f.get("seq").asLong()).toList(), "forecast seqs: none lost, none twice");
        List<String> models = forecasts.stream().map(f -> f.get("model_sha256").asText()).toList();
        int first = models.indexOf(trainedSha);
        assertTrue(first > 0, "forecasts by the first model, then by the trained one: " + models);
        assertEquals(List.of(firstSha), models.subList(0, first).stream().distinct().toList());
        assertEquals(List.of(trainedSha), models.subList(first, models.size()).stream().distinct().toList());
        assertEquals(600, WireSkill.seconds(forecasts.get(first).get("window_end"))
                - WireSkill.seconds(forecasts.get(first - 1).get("window_end")), "the trained model forecasts at once");
    }

    /**
     * The health said: accepted, with the trained model's version, SHA-256 and the workstation's key;
     * and the station runs version 1. (A verdict of the automatic rollback would come only after
     * {@code model.update.rollback_period}, 24 h, far beyond this run.)
     */
    private static void assertModelUpdateAccepted(Subscriber sub, String sha, String keyId) {
        List<JsonNode> health = sub.on("/health").stream().map(Subscriber.Received::json).toList();
        List<JsonNode> updates = health.stream().filter(h -> h.has("model_update")).map(h -> h.get("model_update")).toList();
        assertEquals(List.of("accepted"), updates.stream().map(u -> u.get("result").asText()).distinct().toList());
        JsonNode accepted = updates.get(0);
        assertTrue(accepted.get("code").isNull() && accepted.get("reason").isNull(), accepted.toString());
        assertEquals(1, accepted.get("version").asLong());
        assertEquals(sha, accepted.get("sha256").asText());
        assertEquals(keyId, accepted.get("key").asText());
        assertEquals(1, health.get(health.size() - 1).get("model_update").get("running_version").asLong(),
                "the last health: running version 1");
    }

    /**
     * The trained model's skill messages end with {@link #SCORED} or more forecasts scored, with the
     * model's and persistence's figures; its RMSE is below the first model's (random weights) over
     * that model's last 24 h: it helped. The newest skill message whose forecasts and observations
     * all came over the wire (the station was stopped with some still in its outbox) has the figures
     * computed again from them ({@link WireSkill}).
     */
    private static void assertSkillIsTheWiresAndShowsWhetherItHelped(Subscriber sub, String firstSha, String sha) {
        List<JsonNode> skill = skillOf(sub, sha);
        JsonNode t = temperature(skill.get(skill.size() - 1)).get("30d");
        assertTrue(t.get("count").asLong() >= SCORED, t.toString());
        assertTrue(t.get("rmse").isNumber() && t.get("persistence_rmse").isNumber() && t.get("skill").isNumber(),
                t.toString());
        List<JsonNode> first = skillOf(sub, firstSha);
        JsonNode before = temperature(first.get(first.size() - 1)).get("24h");
        assertTrue(t.get("rmse").asDouble() < before.get("rmse").asDouble(),
                "the trained model forecasts temperature better than the first one did: " + t + ", before: " + before);
        WireSkill wire = new WireSkill(Map.of("temperature", "temperature")).from(sub).ofModel(sha);
        List<WireSkill.Pair> pairs = new ArrayList<>(wire.pairs(Long.MAX_VALUE, Long.MIN_VALUE));
        pairs.sort(Comparator.comparingLong(WireSkill.Pair::valid)); // scored in this order, one a forecast
        JsonNode matched = null;
        for (int i = skill.size() - 1; i >= 0 && matched == null; i--) {
            long n = temperature(skill.get(i)).get("30d").get("count").asLong();
            if (n > 0 && n <= pairs.size()) {
                matched = skill.get(i);
                wire.assertMatches(matched, pairs.subList(0, (int) n));
            }
        }
        assertTrue(matched != null, "a skill message of the trained model whose forecasts came over the wire: " + pairs.size()
                + " pairs on the wire");
        assertTrue(temperature(matched).get("30d").get("count").asLong() >= SCORED / 2, matched.toString());
    }

    /** The skill messages of one model, in the order received. */
    private static List<JsonNode> skillOf(Subscriber sub, String sha) {
        return sub.on("/skill").stream().map(Subscriber.Received::json)
                .filter(s -> s.get("model_sha256").asText().equals(sha)).toList();
    }

    private static JsonNode temperature(JsonNode skill) {
        for (JsonNode out : skill.get("outputs")) {
            if (out.get("channel").asText().equals("temperature")) {
                return out;
            }
        }
        throw new AssertionError("no temperature output in " + skill);
    }

    /**
     * The station's CSV history as copied to the workstation: its monthly files, oldest first, as one
     * file (the header once); the line of a row still being written left out.
     */
    private static List<String> history(Path historyDir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(historyDir)) {
            return lines;
        }
        List<Path> months;
        try (Stream<Path> files = Files.list(historyDir)) {
            months = files.filter(f -> f.getFileName().toString().matches("history-\\d{4}-\\d{2}\\.csv")).sorted().toList();
        }
        for (Path month : months) {
            String text = Files.readString(month);
            List<String> rows = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
            lines.addAll(lines.isEmpty() ? rows : rows.subList(1, rows.size()));
        }
        return lines;
    }

    /** The key id keygen printed (the first 8 bytes of the SHA-256 of the public key, hex). */
    private static String keyId(String keygenOut) {
        Matcher m = Pattern.compile("key id ([0-9a-f]{16})").matcher(keygenOut);
        assertTrue(m.find(), keygenOut);
        return m.group(1);
    }

    /** SHA-256 of a file's bytes, lower-case hex: computed here, not by the station's code. */
    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
