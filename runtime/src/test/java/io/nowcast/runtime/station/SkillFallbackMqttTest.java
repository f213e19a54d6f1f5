package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.skill.SkillSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, safe fallback, through a real Mosquitto on the station's clock moved by hand: a model
 * that always forecasts "one degree warmer in an hour" is worse than persistence while the
 * temperature stays put, so once {@code skill.min_scored} forecasts are scored every forecast says
 * so and carries persistence's value (with {@code model.fallback = persistence}); when the
 * temperature starts rising by exactly a degree an hour the model is right and persistence wrong,
 * and once the model's 7-day RMSE is no longer worse the model's forecasts are published again. The
 * verdict each forecast should carry is computed in the test from the forecasts and observations
 * received before it ({@link WireSkill}).
 */
class SkillFallbackMqttTest {
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-03-01T00:05:00Z");
    /** The temperature starts rising here, off the interval grid. */
    private static final long RISE = START.getEpochSecond() + 4 * 3600 + 100;
    private static final int MIN_SCORED = 10;

    /**
     * Input temperature, output temperature_1h = the last temperature + 1 (a change: std 1, mean 0, and
     * with every weight 0 the LSTM's state stays 0, so the head gives its bias, 1).
     */
    private static Model oneDegreeWarmer() {
        int h = 2;
        LstmLayer layer = new LstmLayer(1, h, new double[4 * h], new double[4 * h * h], new double[4 * h]);
        return new Model(WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID, 2, DT,
                List.of(new InputSpec("temperature", "°C", 10, 5)),
                List.of(new OutputSpec("temperature_1h", "°C", 3600, 0, 0, 1)), "one degree warmer", List.of(layer),
                new double[h], new double[] {1});
    }

    private static double temperature(long t) {
        return t < RISE ? 10 : 10 + (t - RISE) / 3600.0;
    }

    @TempDir
    Path dir;

    @Test
    void persistenceIsPublishedWhileTheModelIsWorseAndTheModelAgainOnceItIsNot() throws Exception {
        Model model = oneDegreeWarmer();
        ModelWriter.write(model, dir.resolve("model.ncm"));
        ModelInfo info = ModelInfo.load(dir.resolve("model.ncm"), "float");
        List<Channel> channels = List.of(new Channel("temperature", "°C"));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "fallback-sub", "nowcast/#")) {
            StationConfig c = new StationConfig("garden", dir.resolve("data"), dir.resolve("model.ncm"), "float", 2, 13,
                    4 << 20, BrokerSettings.plain(broker.tcpUri(), "garden"), false, "homeassistant", 3, List.of(), true,
                    new SkillSettings(true, MIN_SCORED));
            try (StationService service = StationService.start(c, info, new ReferenceEngine(model), channels)) {
                FunctionFeed feed = new FunctionFeed(200, channels, List.of(SkillFallbackMqttTest::temperature),
                        List.of(t -> false));
                new StationDriver(service.station(), START, feed).runFor(Duration.ofHours(12));
                long made = service.station().forecasts();
                Await.until("every forecast delivered", 60, () -> service.outbox().pending() == 0
                        && new WireSkill(Map.of()).from(sub).forecasts().size() == made);
            }
            WireSkill wire = new WireSkill(Map.of("temperature_1h", "temperature")).from(sub);
            List<String> sources = new ArrayList<>();
            int ties = 0;
            for (JsonNode f : wire.forecasts()) {
                long windowEnd = WireSkill.seconds(f.get("window_end"));
                double sseModel = 0;
                double ssePersistence = 0;
                int n = 0;
                for (WireSkill.Pair p : wire.pairs(windowEnd, Long.MIN_VALUE)) { // all within 7 days
                    sseModel += p.error() * p.error();
                    ssePersistence += p.persistenceError() * p.persistenceError();
                    n++;
                }
                if (n >= MIN_SCORED && Math.abs(sseModel - ssePersistence) <= 1e-9 * Math.max(sseModel, ssePersistence)) {
                    ties++; // too close to call from rounded figures: not asserted
                    continue;
                }
                boolean worse = n >= MIN_SCORED && sseModel > ssePersistence;
                JsonNode out = f.get("outputs").get(0);
                String at = "forecast from " + f.get("window_end").asText() + " (" + n + " scored): " + f;
                assertEquals(worse ? "persistence" : "model", out.get("source").asText(), at);
                assertEquals(worse, f.get("degraded").asBoolean(), at);
                if (worse) {
                    JsonNode observation = sub.on("/observation").stream().map(r -> WireSkill.read(r.payload()))
                            .filter(o -> o.get("time").asText().equals(f.get("window_end").asText())).findFirst().orElseThrow();
                    float last = (float) Double.parseDouble(observation.get("channels").get(0).get("value").asText());
                    assertEquals(last, Float.parseFloat(out.get("value").asText()), at + ": persistence's value");
                    assertEquals((float) (last + 1.0), Float.parseFloat(out.get("model_value").asText()), 1e-5f,
                            at + ": the model's value alongside");
                    assertEquals("temperature_1h: the model's RMSE over the last 7 days is worse than persistence's (at least "
                            + MIN_SCORED + " forecasts scored, figures on the skill topic); persistence's forecast is "
                            + "published instead", f.get("reasons").get(0).asText(), at);
                }
                sources.add(out.get("source").asText());
            }
            assertTrue(ties <= 1, ties + " forecasts at a tie");
            int firstPersistence = sources.indexOf("persistence");
            int lastPersistence = sources.lastIndexOf("persistence");
            assertTrue(firstPersistence > 0, "the model's forecasts first: " + sources);
            assertTrue(lastPersistence >= firstPersistence + 5, "then persistence's for a while: " + sources);
            assertFalse(sources.subList(firstPersistence, lastPersistence).contains("model"), "without flapping: " + sources);
            assertTrue(lastPersistence < sources.size() - 5, "then the model's again: " + sources);
            JsonNode skill = sub.newest("/skill");
            assertEquals("persistence", skill.get("fallback").asText());
            assertFalse(skill.get("outputs").get(0).get("worse_than_persistence").asBoolean());
            assertEquals("model", skill.get("outputs").get(0).get("published").asText());
            for (Subscriber.Received r : sub.all()) {
                MqttSchemas.assertValid(r.topic(), r.payload());
            }
        }
    }
}
