package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: the wall clock steps forward and back under a running station (moved through
 * {@link StationClock}'s source). Neither gives an interval twice, a history row twice, or loses a
 * reading: every reading is counted in exactly one row, the one its time falls in.
 */
class StationClockStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-03-10T08:05:00Z");

    @TempDir
    Path dir;

    private final Model model = TestModels.weather(3, DT);

    private record Run(List<JsonNode> observations, List<String> historyTimes, CountingFeed feed, Station station,
            StationDriver driver) {
    }

    /** Runs 5 intervals, steps the wall clock by {@code step}, runs {@code after} more of real time. */
    private Run stepAndRun(Duration step, Duration after) throws Exception {
        List<JsonNode> observations = new ArrayList<>();
        Station s;
        CountingFeed feed;
        StationDriver d;
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20)) {
            s = new Station("garden", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS, box, dir, 2,
                    13);
            d = new StationDriver(s, START, 60);
            feed = d.feed;
            d.runUntil(START.plusSeconds(5 * DT + 1));
            d.time.stepWall(step);
            Instant wallEnd = d.time.wall().plus(after);
            while (d.time.wall().isBefore(wallEnd)) {
                d.runFor(Duration.ofSeconds(DT));
            }
            s.close();
            OutboxEntry e;
            while ((e = box.next(0, TimeUnit.MILLISECONDS)) != null) {
                if (e.topic().endsWith("/observation")) {
                    observations.add(JSON.readTree(e.payload()));
                }
                box.ack(e.index());
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve("history/history-2026-03.csv"));
        List<String> times = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        return new Run(observations, times, feed, s, d);
    }

    /** Labels strictly one interval apart, seqs contiguous, each reading in the row its time falls in. */
    private static void assertEveryIntervalOnceAndEveryReadingCounted(Run r) {
        List<Instant> labels = r.observations().stream().map(o -> Instant.parse(o.get("time").asText())).toList();
        for (int i = 1; i < labels.size(); i++) {
            assertEquals(labels.get(i - 1).plusSeconds(DT), labels.get(i), "interval after " + labels.get(i - 1));
            assertEquals(i, r.observations().get(i).get("seq").asLong());
        }
        assertEquals(labels.stream().map(Instant::toString).toList(), r.historyTimes(), "one history row per interval");
        Map<Instant, Long> expected = r.feed().times.stream()
                .collect(Collectors.groupingBy(t -> Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond() + DT / 2, DT) * DT),
                        TreeMap::new, Collectors.counting()));
        Map<Instant, Long> counted = new TreeMap<>();
        for (JsonNode o : r.observations()) {
            counted.put(Instant.parse(o.get("time").asText()), o.get("channels").get(0).get("readings").asLong());
        }
        expected.keySet().removeIf(t -> !counted.containsKey(t)); // the interval still open at the end
        counted.values().removeIf(n -> n == 0); // intervals without a reading
        assertEquals(expected, counted, "readings per interval");
        assertEquals(0, r.station().lateReadings(), "no reading came for a closed interval");
    }

    @Test
    void aStepForwardClosesTheIntervalsPassedOverOnceAsGaps() throws Exception {
        Run r = stepAndRun(Duration.ofHours(1), Duration.ofMinutes(50));
        assertEveryIntervalOnceAndEveryReadingCounted(r);
        List<String> status = r.observations().stream().map(o -> o.get("channels").get(0).get("status").asText()).toList();
        assertEquals(5 + 6 + 5, r.observations().size(), status.toString());
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "ok", "filled", "filled", "missing", "missing", "missing", "ok"),
                status.subList(0, 12), "the hour passed over: its intervals are gaps, filled then missing");
    }

    @Test
    void aStepBackGivesNoIntervalTwiceAndLosesNoReading() throws Exception {
        // 2 h 30 min of real time after the step: 2 h at half speed (1 h of station time), then 30 min.
        Run r = stepAndRun(Duration.ofHours(-1), Duration.ofMinutes(150));
        assertEveryIntervalOnceAndEveryReadingCounted(r);
        assertFalse(r.driver().clock.catchingUp());
        assertEquals(r.driver().time.wall(), r.driver().clock.instant(), "caught up with the wall clock");
        assertTrue(r.observations().size() >= 5 + 9, "intervals: " + r.observations().size());
        assertTrue(r.observations().stream().allMatch(o -> o.get("channels").get(0).get("status").asText().equals("ok")),
                "the sensors were read on the station's time throughout");
        assertTrue(r.observations().stream().allMatch(o -> o.get("channels").get(0).get("readings").asInt() == 10),
                "ten readings an interval, as before the step");
    }
}
