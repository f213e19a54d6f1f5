package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.skill.SkillSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, live skill, through a real Mosquitto: the figures the station publishes on
 * {@code nowcast/<id>/skill} equal those computed again in the test from the observations and
 * forecasts received ({@link WireSkill}), over 24 h, 7 d and 30 d, for both outputs (one of them with
 * gap-filled intervals that are not scored); the record survives a restart of the station (the
 * retained figures at start are those before the stop, and scoring goes on from them); every message
 * matches its schema and Home Assistant gets a skill sensor per output.
 */
class LiveSkillMqttTest {
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-03-01T00:05:00Z");
    private static final Map<String, String> TARGETS = Map.of("temperature_1h", "temperature", "humidity_1h", "humidity");

    @TempDir
    Path dir;

    /** Weather-like values: a daily cycle and a faster wiggle the model cannot know. */
    private static FunctionFeed feed() {
        LongToDoubleFunction temperature = t -> 10 + 5 * Math.sin(2 * Math.PI * t / 86_400.0) + 0.7 * Math.sin(t / 1900.0);
        LongToDoubleFunction humidity = t -> 70 + 10 * Math.cos(2 * Math.PI * t / 86_400.0) + 3 * Math.sin(t / 2500.0);
        LongPredicate never = t -> false;
        LongPredicate everySeventhInterval = t -> Math.floorDiv(t + DT / 2, DT) % 7 == 3; // humidity filled: not scored
        return new FunctionFeed(200, TestModels.CHANNELS, List.of(temperature, humidity, t -> 1013),
                List.of(never, everySeventhInterval, never));
    }

    /** The label of the newest observation received (the last interval the station closed). */
    private static long lastObserved(Subscriber sub) {
        return sub.on("/observation").stream().mapToLong(r -> WireSkill.seconds(WireSkill.read(r.payload()).get("time")))
                .max().orElseThrow();
    }

    @Test
    void theSkillOnTheWireEqualsTheSkillComputedFromTheForecastsAndObservationsAndSurvivesARestart() throws Exception {
        Model model = TestModels.weather(3, DT);
        ModelWriter.write(model, dir.resolve("model.ncm"));
        ModelInfo info = ModelInfo.load(dir.resolve("model.ncm"), "float");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "skill-sub", "#")) {
            StationConfig c = new StationConfig("garden", dir.resolve("data"), dir.resolve("model.ncm"), "float", 2, 13,
                    4 << 20, BrokerSettings.plain(broker.tcpUri(), "garden"), true, "homeassistant", 3, List.of(), true,
                    SkillSettings.DEFAULT);
            Instant end;
            long lastBeforeStop;
            JsonNode beforeStop;
            try (StationService service = StationService.start(c, info, new ReferenceEngine(model), TestModels.CHANNELS)) {
                StationDriver d = new StationDriver(service.station(), START, feed());
                d.runFor(Duration.ofHours(26)); // 26 h: the 24 h period leaves out the first hours
                end = d.clock.instant();
                long observations = service.station().observations();
                Await.until("every observation and forecast delivered", 60, () -> service.outbox().pending() == 0
                        && new WireSkill(TARGETS).from(sub).forecasts().size() == service.station().forecasts()
                        && sub.on("/observation").size() >= observations);
                lastBeforeStop = lastObserved(sub);
                List<WireSkill.Pair> pairs = new WireSkill(TARGETS).from(sub).pairs(lastBeforeStop, Long.MIN_VALUE);
                long scored = pairs.stream().filter(p -> p.output().equals("temperature_1h")).count();
                Await.until("the skill of the last interval", 20, () -> sub.newest("/skill") != null
                        && sub.newest("/skill").get("outputs").get(0).get("30d").get("count").asLong() == scored);
                assertTrue(scored > 140, "temperature forecasts scored: " + scored);
                long humidityScored = pairs.stream().filter(p -> p.output().equals("humidity_1h")).count();
                assertTrue(humidityScored < scored, "the gap-filled humidity intervals are not scored: " + humidityScored);
                new WireSkill(TARGETS).assertMatches(sub.newest("/skill"), pairs);
                beforeStop = sub.newest("/skill");
                assertTrue(beforeStop.get("outputs").get(0).get("24h").get("count").asLong() < scored,
                        "the 24 h period holds fewer forecasts than 26 hours gave");
            }
            assertTrue(Files.isRegularFile(dir.resolve("data/skill/" + info.sha256() + ".skill")));

            int skillMessages = sub.on("/skill").size();
            int forecastsBefore = new WireSkill(TARGETS).from(sub).forecasts().size();
            try (StationService service = StationService.start(c, info, new ReferenceEngine(model), TestModels.CHANNELS)) {
                Await.until("the restored skill, published at start", 20, () -> sub.on("/skill").size() > skillMessages);
                WireSkill.assertSameFigures(beforeStop.get("outputs"), sub.newest("/skill").get("outputs"));
                StationDriver d = new StationDriver(service.station(), end, feed());
                d.runFor(Duration.ofHours(4));
                long total = forecastsBefore + service.station().forecasts();
                Await.until("the forecasts after the restart delivered", 60, () -> service.outbox().pending() == 0
                        && new WireSkill(TARGETS).from(sub).forecasts().size() == total);
                List<WireSkill.Pair> pairs = new WireSkill(TARGETS).from(sub).pairs(lastObserved(sub), lastBeforeStop);
                long scored = pairs.stream().filter(p -> p.output().equals("temperature_1h")).count();
                Await.until("the skill of the last interval after the restart (" + scored + " scored on the wire)", 20, () ->
                        sub.newest("/skill").get("outputs").get(0).get("30d").get("count").asLong() == scored);
                new WireSkill(TARGETS).assertMatches(sub.newest("/skill"), pairs);
            }
            for (Subscriber.Received r : sub.all()) {
                MqttSchemas.assertValid(r.topic(), r.payload());
            }
            assertTrue(sub.all().stream().anyMatch(r -> r.topic().equals(
                    "homeassistant/sensor/nowcast_garden/skill_temperature_1h_1h/config")), "a skill sensor per output");
            assertTrue(sub.all().stream().anyMatch(r -> r.topic().equals(
                    "homeassistant/sensor/nowcast_garden/skill_humidity_1h_1h/config")), "a skill sensor per output");
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late-skill", "nowcast/garden/skill")) {
                Await.until("the retained skill for a late subscriber", 10, () -> late.all().size() == 1);
                assertTrue(late.all().get(0).retained());
            }
        }
    }
}

