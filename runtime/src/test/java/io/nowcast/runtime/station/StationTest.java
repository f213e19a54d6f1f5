package io.nowcast.runtime.station;

import io.nowcast.engine.testing.ReferenceEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceLstm;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The station's interval work, read back from its outbox with an independent JSON parser. */
class StationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DT = 600; // model interval, s
    private static final int TEMPERATURE = 0;
    private static final int HUMIDITY = 1;
    private static final int PRESSURE = 2;

    @TempDir
    Path dir;

    private final Model model = TestModels.weather(3, DT);

    private Station open(Outbox box, int maxFilled) throws Exception {
        return new Station("test", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS, box,
                dir, maxFilled, 13);
    }

    /**
     * Five readings of each channel in interval k, every 120 s from k·Δ − 240 s to k·Δ + 240 s (the
     * centred interval [k·Δ − 300, k·Δ + 300)); humidity marked bad when asked.
     */
    private static void interval(Station s, int k, double[] temperatures, boolean humidityOk) throws Exception {
        for (int i = 0; i < 5; i++) {
            Instant t = T0.plusSeconds(k * DT - 240 + i * 120L);
            s.reading(TEMPERATURE, t, temperatures[i], true);
            s.reading(HUMIDITY, t, humidityOk ? 60 : Double.NaN, humidityOk);
            s.reading(PRESSURE, t, 1000, true);
        }
    }

    private static double[] constant(double v) {
        return new double[] {v, v, v, v, v};
    }

    /** Everything in the outbox, delivered (acked) in order, as parsed JSON by topic suffix. */
    private static List<JsonNode> drain(Outbox box, String suffix, List<JsonNode> others) throws Exception {
        List<JsonNode> picked = new ArrayList<>();
        OutboxEntry e;
        while ((e = box.next(0, TimeUnit.MILLISECONDS)) != null) {
            JsonNode n = JSON.readTree(e.payload());
            assertEquals(e.seq(), n.get("seq").asLong(), "the outbox entry carries the payload's seq");
            (e.topic().endsWith(suffix) ? picked : others).add(n);
            box.ack(e.index());
        }
        return picked;
    }

    @Test
    void resamplesByTheMeanAndForecastsWhatTheReferenceLstmGives() throws Exception {
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20); Station s = open(box, 2)) {
            interval(s, 0, new double[] {10, 11, 12, 13, 14}, true); // mean 12
            interval(s, 1, constant(20), true);
            interval(s, 2, new double[] {29, 31, 30, 28, 32}, true); // mean 30
            s.advanceTo(T0.plusSeconds(3 * DT)); // 00:30 is past 00:25, when the interval of 00:20 ends
            List<JsonNode> observations = new ArrayList<>();
            List<JsonNode> forecasts = drain(box, "/forecast", observations);
            assertEquals(3, observations.size());
            assertEquals(12.0, observations.get(0).get("channels").get(0).get("value").asDouble(), 1e-12);
            assertEquals(5, observations.get(0).get("channels").get(0).get("readings").asInt());
            assertEquals("2026-01-01T00:10:00Z", observations.get(1).get("time").asText());
            assertEquals(1, forecasts.size());
            JsonNode f = forecasts.get(0);
            assertEquals(0, f.get("seq").asLong());
            assertEquals("2026-01-01T00:30:00Z", f.get("issued").asText());
            assertEquals("2026-01-01T00:20:00Z", f.get("window_end").asText());
            assertEquals("2026-01-01T01:20:00Z", f.get("outputs").get(0).get("valid").asText());
            assertFalse(f.get("degraded").asBoolean());

            // Expected: the double reference on the window built here by hand, rows labelled by the
            // interval's grid point (00:00, 00:10, 00:20 UTC); time of day θ = 2π·s/86400.
            double[] temps = {12, 20, 30};
            double[][] w = new double[3][];
            for (int t = 0; t < 3; t++) {
                double theta = 2 * Math.PI * (t * DT) / 86400.0;
                w[t] = new double[] {temps[t], 60, Math.sin(theta), Math.cos(theta)};
            }
            double[] expected = ReferenceLstm.outputs(model, w);
            for (int o = 0; o < expected.length; o++) {
                assertEquals(expected[o], f.get("outputs").get(o).get("value").asDouble(), 1e-4 * Math.max(1, Math.abs(expected[o])),
                        "output " + o);
            }
        }
    }

    @Test
    void fillsShortGapsFlaggingTheForecastAndSuspendsForecastsOnLongOnes() throws Exception {
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20); Station s = open(box, 1)) {
            for (int k = 0; k < 3; k++) {
                interval(s, k, constant(10 + k), true);
            }
            interval(s, 3, constant(13), false); // humidity rejected: a short gap, filled
            interval(s, 4, constant(14), false); // second interval in a row: a long gap (max 1)
            interval(s, 5, constant(15), false);
            assertTrue(s.suspended(), "a long gap suspends forecasts");
            s.reading(TEMPERATURE, T0.plusSeconds(4 * DT), 99, true); // for an interval already closed
            assertEquals(1, s.lateReadings());
            for (int k = 6; k < 10; k++) {
                interval(s, k, constant(10 + k), true);
            }
            s.advanceTo(T0.plusSeconds(10 * DT));
            assertFalse(s.suspended());
            List<JsonNode> observations = new ArrayList<>();
            List<JsonNode> forecasts = drain(box, "/forecast", observations);
            assertEquals(10, observations.size());
            assertTrue(observations.stream().noneMatch(o -> o.get("channels").get(TEMPERATURE).get("value").asDouble() == 99),
                    "the late reading changed nothing");
            JsonNode humidity3 = observations.get(3).get("channels").get(HUMIDITY);
            assertEquals("filled", humidity3.get("status").asText());
            assertEquals(60.0, humidity3.get("value").asDouble(), 0.0, "the last good value stands in");
            assertEquals(0, humidity3.get("readings").asInt());
            assertEquals(5, humidity3.get("rejected").asInt());
            JsonNode humidity4 = observations.get(4).get("channels").get(HUMIDITY);
            assertEquals("missing", humidity4.get("status").asText());
            assertTrue(humidity4.get("value").isNull());

            // Forecasts after intervals 2 (clean) and 3 (degraded); none for 4..7 (a missing row is in
            // the window); 8 and 9 again, clean once the filled row 3 has left the window.
            List<String> windowEnds = forecasts.stream().map(f -> f.get("window_end").asText()).toList();
            assertEquals(List.of("2026-01-01T00:20:00Z", "2026-01-01T00:30:00Z", "2026-01-01T01:20:00Z",
                    "2026-01-01T01:30:00Z"), windowEnds);
            assertEquals(List.of(0L, 1L, 2L, 3L), forecasts.stream().map(f -> f.get("seq").asLong()).toList(),
                    "seq grows by one per forecast even across a suspension");
            assertFalse(forecasts.get(0).get("degraded").asBoolean());
            assertTrue(forecasts.get(1).get("degraded").asBoolean());
            assertEquals("humidity: 1 of 3 intervals had no valid reading and use the last good value",
                    forecasts.get(1).get("reasons").get(0).asText());
            assertFalse(forecasts.get(2).get("degraded").asBoolean());
        }
    }

    @Test
    void intervalsWithoutAnyReadingAreClosedAsGaps() throws Exception {
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20); Station s = open(box, 2)) {
            interval(s, 0, constant(5), true);
            s.advanceTo(T0.plusSeconds(4 * DT)); // intervals 1..3 pass without a reading
            List<JsonNode> observations = new ArrayList<>();
            drain(box, "/forecast", observations);
            assertEquals(4, observations.size());
            assertEquals(List.of("ok", "filled", "filled", "missing"), observations.stream()
                    .map(o -> o.get("channels").get(TEMPERATURE).get("status").asText()).toList());
        }
    }

    @Test
    void seqAndHistoryContinueAcrossARestartEvenWhenTheSeqFileLagsBehind() throws Exception {
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20)) {
            String epoch;
            try (Station s = open(box, 2)) {
                for (int k = 0; k < 3; k++) {
                    interval(s, k, constant(10 + k), true);
                }
                Files.copy(dir.resolve("seq"), dir.resolve("seq.before"));
                interval(s, 3, constant(13), true);
                s.advanceTo(T0.plusSeconds(4 * DT));
                epoch = s.epoch();
            }
            // As if killed after the last messages entered the outbox but before the seq file recorded them.
            Files.move(dir.resolve("seq.before"), dir.resolve("seq"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Station s = open(box, 2)) {
                assertEquals(epoch, s.epoch(), "the same stream");
                for (int k = 4; k < 7; k++) {
                    interval(s, k, constant(10 + k), true);
                }
                s.advanceTo(T0.plusSeconds(7 * DT));
            }
            List<JsonNode> observations = new ArrayList<>();
            List<JsonNode> forecasts = drain(box, "/forecast", observations);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), observations.stream().map(o -> o.get("seq").asLong()).toList());
            assertTrue(observations.stream().allMatch(o -> o.get("epoch").asText().equals(observations.get(0).get("epoch")
                    .asText())), "one epoch throughout");
            // 2 forecasts before the restart (intervals 2, 3), 1 after (interval 6: the window refills).
            assertEquals(List.of(0L, 1L, 2L), forecasts.stream().map(o -> o.get("seq").asLong()).toList());
        }
        List<String> csv = Files.readAllLines(dir.resolve("history").resolve("history-2026-01.csv"));
        assertEquals("timestamp,temperature,humidity,pressure", csv.get(0));
        assertEquals("2026-01-01T00:00:00Z,10,60,1000", csv.get(1));
        assertEquals("2026-01-01T01:00:00Z,16,60,1000", csv.get(7));
        assertEquals(8, csv.size(), "one header, then one row per interval, the header not repeated on restart");
    }

    @Test
    void aWipedDataDirectoryStartsANewStreamWithANewEpochAndSeqsFromZero() throws Exception {
        String first;
        try (Outbox box = Outbox.open(dir.resolve("a/outbox"), 1 << 20);
                Station s = new Station("test", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS,
                        box, dir.resolve("a"), 2, 13)) {
            for (int k = 0; k < 3; k++) {
                interval(s, k, constant(10 + k), true);
            }
            s.advanceTo(T0.plusSeconds(3 * DT));
            first = s.epoch();
        }
        long firstSecond = java.time.Instant.now().getEpochSecond();
        // Epochs are whole seconds of the wall clock: wait for the next one.
        Await.until("the next second", 5, () -> java.time.Instant.now().getEpochSecond() > firstSecond);
        try (Outbox box = Outbox.open(dir.resolve("b/outbox"), 1 << 20);
                Station s = new Station("test", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS,
                        box, dir.resolve("b"), 2, 13)) {
            interval(s, 0, constant(10), true);
            s.advanceTo(T0.plusSeconds(DT));
            List<JsonNode> observations = new ArrayList<>();
            drain(box, "/forecast", observations);
            assertEquals(0, observations.get(0).get("seq").asLong(), "seq starts again");
            assertEquals(s.epoch(), observations.get(0).get("epoch").asText());
            assertTrue(Instant.parse(s.epoch()).isAfter(Instant.parse(first)), first + " then " + s.epoch());
        }
    }
}
