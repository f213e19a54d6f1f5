package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import io.nowcast.runtime.station.skill.SkillRecord;
import io.nowcast.runtime.station.skill.SkillWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook for model updates (issue 15, parts 3 and 4): {@link Station#requestModel} swaps the model
 * between two intervals. With the same inputs and window the next interval's forecast is the new
 * model's, none is lost or doubled and {@code seq} goes on by one; the new model's live skill starts
 * afresh while the old model's record keeps its figures, plus the scores of the forecasts it made
 * before the swap as they come due; with another window length a new window fills first.
 */
class ModelSwapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-03-01T00:05:00Z");

    @TempDir
    Path dir;

    /** The test model with other head weights: same inputs, window and outputs, another SHA-256. */
    private static Model retrained(Model m) {
        double[] bias = {0.3, -0.2};
        return new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(), m.intervalSeconds(), m.inputs(),
                m.outputs(), "retrained", m.layers(), m.headWeights(), bias);
    }

    /** Every forecast in the outbox, oldest first. */
    private static List<JsonNode> forecasts(Outbox box) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        OutboxEntry e;
        while ((e = box.next(0, TimeUnit.MILLISECONDS)) != null) {
            if (e.topic().endsWith("/forecast")) {
                out.add(JSON.readTree(e.payload()));
            }
            box.ack(e.index());
        }
        return out;
    }

    /** Records what the station said of a request. */
    private static final class Told implements Station.SwapListener {
        final List<String> events = new ArrayList<>();
        SkillRecord previousSkill;

        @Override
        public void swapped(ModelInfo previous, ModelInfo next, SkillRecord skill) {
            events.add("swapped " + previous.name() + " -> " + next.name());
            previousSkill = skill;
        }

        @Override
        public void refused(ModelInfo next, String reason) {
            events.add("refused " + next.name() + ": " + reason);
        }
    }

    @Test
    void aModelWithTheSameWindowRunsFromTheNextIntervalWithNothingLostAndASkillRecordOfItsOwn() throws Exception {
        Model a = TestModels.weather(3, DT);
        ModelInfo infoA = ModelInfo.of("a.ncm", io.nowcast.engine.model.ModelWriter.toBytes(a), "float");
        Model b = retrained(a);
        ModelInfo infoB = ModelInfo.of("b.ncm", io.nowcast.engine.model.ModelWriter.toBytes(b), "float");
        RecordingUplink uplink = new RecordingUplink();
        Told told = new Told();
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
                Station s = new Station("garden", infoA, new ReferenceEngine(a), TestModels.CHANNELS, box, dir, 2, 13)) {
            s.attach(uplink, null);
            StationDriver d = new StationDriver(s, START, 200);
            d.runFor(Duration.ofHours(5));
            long scoredA = s.skill().record().figures(0, SkillWindow.DAY).count();
            assertTrue(scoredA > 20, "model a scored: " + scoredA);
            s.requestModel(infoB, new ReferenceEngine(b), told);
            assertEquals(List.of(), told.events, "nothing happens before the next interval closes");
            d.runFor(Duration.ofMinutes(10));
            assertEquals(List.of("swapped a.ncm -> b.ncm"), told.events);
            SkillRecord recordA = told.previousSkill;
            assertEquals(infoA.sha256(), recordA.sha256());
            assertEquals(infoB.sha256(), s.skill().record().sha256());
            d.runFor(Duration.ofHours(2));

            List<JsonNode> fc = forecasts(box);
            for (int i = 0; i < fc.size(); i++) {
                assertEquals(i, fc.get(i).get("seq").asLong(), "seq goes on by one");
                if (i > 0) {
                    assertEquals(DT, Instant.parse(fc.get(i).get("window_end").asText()).getEpochSecond()
                            - Instant.parse(fc.get(i - 1).get("window_end").asText()).getEpochSecond(), "one forecast an interval");
                }
            }
            List<String> shas = fc.stream().map(f -> f.get("model_sha256").asText()).toList();
            int firstB = shas.indexOf(infoB.sha256());
            assertTrue(firstB > 0 && shas.subList(0, firstB).stream().allMatch(infoA.sha256()::equals)
                    && shas.subList(firstB, shas.size()).stream().allMatch(infoB.sha256()::equals), "a, then b: " + shas);
            // a's record: its own scores, and those of its last forecasts (valid an hour after the swap), then no more.
            long aAfter = recordA.figures(0, SkillWindow.DAY).count();
            // Its forecasts from the 6 intervals before the swap are valid in the hour after it (lead 6).
            assertEquals(scoredA + 6, aAfter, "model a's forecasts made before the swap were still scored");
            // b's record starts afresh: its first forecasts are scored an hour after the swap.
            long scoredB = s.skill().record().figures(0, SkillWindow.DAY).count();
            assertTrue(scoredB > 0 && scoredB <= 7, "model b scored: " + scoredB);
            assertNotEquals(recordA.figures(0, SkillWindow.DAY), s.skill().record().figures(0, SkillWindow.DAY));
            JsonNode model = JSON.readTree(uplink.retained.stream().filter(m -> m.topic().endsWith("/model"))
                    .reduce((x, y) -> y).orElseThrow().payload());
            assertEquals(infoB.sha256(), model.get("sha256").asText(), "the retained model is b's");
        }
    }

    @Test
    void aModelWithAnotherWindowFillsANewOneAndAnotherIntervalIsRefused() throws Exception {
        Model a = TestModels.weather(3, DT);
        Model longer = TestModels.weather(5, DT);
        Model hourly = TestModels.weather(3, 3600);
        Told told = new Told();
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
                Station s = new Station("garden", TestModels.info(a), new ReferenceEngine(a), TestModels.CHANNELS, box, dir,
                        2, 13)) {
            StationDriver d = new StationDriver(s, START, 200);
            d.runFor(Duration.ofHours(1));
            s.requestModel(ModelInfo.of("hourly.ncm", io.nowcast.engine.model.ModelWriter.toBytes(hourly), "float"),
                    new ReferenceEngine(hourly), told);
            d.runFor(Duration.ofMinutes(10));
            assertEquals(List.of("refused hourly.ncm: its interval is 3600 s, the station's 600 s"), told.events);
            long before = s.forecasts();
            s.requestModel(ModelInfo.of("longer.ncm", io.nowcast.engine.model.ModelWriter.toBytes(longer), "float"),
                    new ReferenceEngine(longer), told);
            d.runFor(Duration.ofMinutes(40)); // 4 intervals: the new window of 5 is not whole yet
            assertEquals("swapped test.ncm -> longer.ncm", told.events.get(1));
            assertEquals(before, s.forecasts(), "no forecast while the new window fills");
            assertTrue(s.suspended());
            d.runFor(Duration.ofMinutes(10));
            assertEquals(before + 1, s.forecasts(), "forecasts once it is whole");
        }
    }
}
