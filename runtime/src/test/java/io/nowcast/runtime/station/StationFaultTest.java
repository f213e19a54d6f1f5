package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 1: a failed write must not spin. Real faults under a running station loop on a
 * hand-moved clock: a data directory on a tmpfs filled to its last byte, a history file that is a
 * directory, an immutable history file, an immutable seq file and outbox segment. Each time: every
 * interval closed exactly once, seqs unique (and contiguous once delivered), sensors read on
 * schedule and no turn of the loop without a wait, the health degraded with the reason, and
 * everything caught up, in order, once the fault clears.
 */
class StationFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DT = 600; // model interval, s
    private static final long SAMPLE = 60; // a reading a minute: 10 per interval
    /** The first reading at 00:05, the start of the interval labelled 00:10. */
    private static final Instant START = Instant.parse("2026-01-01T00:05:00Z");

    @TempDir
    Path tmp;

    private final Model model = TestModels.weather(3, DT);

    private Station open(Outbox box, Path data) throws Exception {
        return new Station("garden", TestModels.info(model), new ReferenceEngine(model), TestModels.CHANNELS, box, data, 2,
                13);
    }

    /** Just past the moment the interval labelled 00:10 + (n − 1)·Δ closes: n intervals closed since START. */
    private static Instant afterIntervals(long n) {
        return START.plusSeconds(n * DT).plusSeconds(1);
    }

    /** Delivers (acks) everything in the outbox, as the publisher would, parsed. */
    private static List<JsonNode> drain(Outbox box) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        OutboxEntry e;
        while ((e = box.next(0, TimeUnit.MILLISECONDS)) != null) {
            JsonNode n = JSON.readTree(e.payload());
            assertEquals(e.seq(), n.get("seq").asLong());
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_topic", e.topic());
            out.add(n);
            box.ack(e.index());
        }
        return out;
    }

    private static List<Long> seqs(List<JsonNode> messages, String topicSuffix) {
        return messages.stream().filter(m -> m.get("_topic").asText().endsWith(topicSuffix)).map(m -> m.get("seq").asLong())
                .toList();
    }

    private static List<Long> range(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    /** The history's rows (header left out), every month file. */
    private static List<String> historyRows(Path data) throws IOException {
        List<String> rows = new ArrayList<>();
        try (var files = Files.list(data.resolve("history"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                assertEquals("timestamp,temperature,humidity,pressure", lines.get(0), f.toString());
                rows.addAll(lines.subList(1, lines.size()));
            }
        }
        return rows;
    }

    /** One row per interval, labelled 00:10, 00:20, … in order: none twice, none missing. */
    private static void assertEveryIntervalOnce(List<String> rows, long intervals) {
        List<String> expected = LongStream.range(0, intervals)
                .mapToObj(k -> START.plusSeconds(DT / 2 + k * DT).toString()).toList();
        assertEquals(expected, rows.stream().map(r -> r.substring(0, r.indexOf(','))).toList());
    }

    /**
     * No turn without a wait, no sensor read beyond the schedule (10 an interval), and no more turns
     * than reads, closings and the loop's longest wait allow.
     */
    private static void assertNoSpin(StationDriver d, long intervals) {
        assertEquals(0, d.immediate, "turns after which the loop had work due at once");
        long expectedReads = intervals * (DT / SAMPLE) + 1; // one at START, then one a minute
        assertTrue(Math.abs(d.feed.readings - expectedReads) <= 1, "sensor reads: " + d.feed.readings);
        long wakeUps = intervals * DT * 1_000_000_000L / StationLoop.MAX_WAIT_NANOS; // the longest wait is 10 s
        assertTrue(d.loop.turns() <= d.feed.readings + intervals + wakeUps + 2, "turns " + d.loop.turns() + " for "
                + d.feed.readings + " reads, " + intervals + " intervals and " + wakeUps + " waits of 10 s");
    }

    @Test
    void aFullDataDirectoryLosesNoIntervalRepeatsNoneKeepsSeqsUniqueAndCatchesUpWhenRoomReturns() throws Exception {
        try (Faults faults = new Faults()) {
            Path data = faults.tmpfs(tmp.resolve("data"), 1024);
            RecordingUplink uplink = new RecordingUplink();
            List<JsonNode> delivered = new ArrayList<>();
            long n; // intervals closed when the disk is freed
            try (Outbox box = Outbox.open(data.resolve("outbox"), 512 * 1024); Station s = open(box, data)) {
                StationDriver d = new StationDriver(s, START, SAMPLE);
                s.attach(uplink, d.clock);
                d.runUntil(afterIntervals(3));
                delivered.addAll(drain(box));
                assertEquals("ok", uplink.lastHealth().get("state").asText());

                Path filler = Faults.fill(data);
                // A file's last page still takes bytes on a full tmpfs: the outbox fails within an interval or
                // two, the history (40 bytes a row) within about a hundred.
                n = 3;
                while (!s.health().failing(StationHealth.Kind.HISTORY) && n < 200) {
                    d.runUntil(afterIntervals(++n));
                }
                assertTrue(s.health().failing(StationHealth.Kind.HISTORY), "the history met the full disk");
                n += 5;
                d.runUntil(afterIntervals(n));
                assertEquals(n, s.observations(), "each interval closed once while the disk is full");
                assertEquals(n - 2, s.forecasts(), "forecasting goes on");
                assertNoSpin(d, n);
                MemoryQueue memory = s.memory();
                assertTrue(memory.size() >= 2 * (n - 5), "the messages the outbox could not take wait in memory: "
                        + memory.size());
                for (String topic : List.of("/observation", "/forecast")) {
                    List<Long> waiting = memory.messages().stream().filter(m -> m.topic().endsWith(topic))
                            .map(MemoryQueue.Message::seq).toList();
                    for (int i = 1; i < waiting.size(); i++) {
                        assertEquals(waiting.get(i - 1) + 1, waiting.get(i), topic + " seqs in memory: " + waiting);
                    }
                }
                assertTrue(memory.publishable() != null, "their seqs are recorded (the seq file is written in place)");
                JsonNode h = uplink.lastHealth();
                assertEquals("degraded", h.get("state").asText());
                assertTrue(h.get("reasons").toString().contains("No space left on device"), h.toString());
                assertTrue(h.get("errors").get("outbox").get("active").asBoolean(), h.toString());
                assertTrue(h.get("errors").get("history").get("active").asBoolean(), h.toString());
                assertEquals(memory.size(), h.get("memory").get("messages").asInt());
                assertTrue(h.get("history").get("rows_waiting").asInt() >= 5, h.toString());
                assertTrue(uplink.health().size() <= n + 1, "at most one health an interval: " + uplink.health().size());

                Files.delete(filler);
                n += 2;
                d.runUntil(afterIntervals(n));
                assertNoSpin(d, n);
                assertTrue(memory.isEmpty(), "moved into the outbox once it took messages again");
                delivered.addAll(drain(box));
                assertEquals("ok", uplink.lastHealth().get("state").asText(), uplink.lastHealth().toString());
                assertFalse(uplink.lastHealth().get("errors").get("outbox").get("active").asBoolean());
                assertEquals(0, uplink.lastHealth().get("history").get("rows_waiting").asInt());
            }
            assertEquals(range(n), seqs(delivered, "/observation"), "every observation once, in order");
            assertEquals(range(n - 2), seqs(delivered, "/forecast"), "every forecast once, in order");
            List<String> times = delivered.stream().filter(m -> m.get("_topic").asText().endsWith("/observation"))
                    .map(m -> m.get("time").asText()).toList();
            assertEquals(n, times.stream().distinct().count(), "no interval twice");
            assertEveryIntervalOnce(historyRows(data), n);
        }
    }

    @Test
    void aDirectoryWhereTheMonthsHistoryFileShouldBeDelaysTheRowsWithoutLosingOrRepeatingOne() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path month = Files.createDirectories(data.resolve("history").resolve("history-2026-01.csv"));
        RecordingUplink uplink = new RecordingUplink();
        try (Outbox box = Outbox.open(data.resolve("outbox"), Outbox.MIN_MAX_BYTES); Station s = open(box, data)) {
            StationDriver d = new StationDriver(s, START, SAMPLE);
            s.attach(uplink, d.clock);
            d.runUntil(afterIntervals(6));
            assertNoSpin(d, 6);
            assertEquals(6, s.observations());
            JsonNode h = uplink.lastHealth();
            assertEquals("degraded", h.get("state").asText());
            assertTrue(h.get("reasons").get(0).asText().startsWith("history: cannot write the CSV history"), h.toString());
            assertEquals(6, h.get("history").get("rows_waiting").asInt());
            assertTrue(uplink.health().size() <= 1 + 6, "the health at most once a interval: " + uplink.health().size());
            assertEquals(6, h.get("errors").get("history").get("count").asInt(), "tried once a interval, not more");

            Files.delete(month);
            d.runUntil(afterIntervals(8));
            assertEquals("ok", uplink.lastHealth().get("state").asText());
            assertEquals(range(8), seqs(drain(box), "/observation"));
        }
        assertEveryIntervalOnce(historyRows(data), 8);
    }

    @Test
    void anImmutableHistoryFileDelaysTheRowsWithoutLosingOrRepeatingOne() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (Faults faults = new Faults(); Outbox box = Outbox.open(data.resolve("outbox"), Outbox.MIN_MAX_BYTES);
                Station s = open(box, data)) {
            StationDriver d = new StationDriver(s, START, SAMPLE);
            d.runUntil(afterIntervals(2));
            Path month = data.resolve("history").resolve("history-2026-01.csv");
            faults.immutable(month); // refuses root too, and the file is open: EPERM on the next write
            d.runUntil(afterIntervals(7));
            assertNoSpin(d, 7);
            assertTrue(s.health().failing(StationHealth.Kind.HISTORY));
            assertEquals(3, Files.readAllLines(month).size(), "header and the two rows before the fault");
            faults.mutable(month);
            d.runUntil(afterIntervals(9));
            assertFalse(s.health().failing(StationHealth.Kind.HISTORY));
            assertEquals(range(9), seqs(drain(box), "/observation"));
        }
        assertEveryIntervalOnce(historyRows(data), 9);
    }

    @Test
    void messagesWhoseSeqCannotBeRecordedAreNeverPublishedAndTheirSeqsAreNotReusedOnceRecorded() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<JsonNode> delivered = new ArrayList<>();
        try (Faults faults = new Faults(); Outbox box = Outbox.open(data.resolve("outbox"), Outbox.MIN_MAX_BYTES);
                Station s = open(box, data)) {
            StationDriver d = new StationDriver(s, START, SAMPLE);
            d.runUntil(afterIntervals(3));
            delivered.addAll(drain(box));
            List<Path> segments;
            try (var files = Files.list(data.resolve("outbox"))) {
                segments = files.filter(p -> p.getFileName().toString().startsWith("seg-")).toList();
            }
            for (Path p : segments) {
                faults.immutable(p);
            }
            faults.immutable(data.resolve("seq"));
            d.runUntil(afterIntervals(8));
            assertNoSpin(d, 8);
            assertTrue(s.health().failing(StationHealth.Kind.OUTBOX));
            assertTrue(s.health().failing(StationHealth.Kind.SEQ));
            assertEquals(10, s.memory().size(), "5 observations and 5 forecasts wait in memory");
            assertNull(s.memory().publishable(), "not one may be published while its seq is not recorded");

            faults.mutable(data.resolve("seq"));
            d.runUntil(afterIntervals(9));
            assertFalse(s.health().failing(StationHealth.Kind.SEQ));
            assertTrue(s.memory().publishable() != null, "recorded now: they may go out");
            for (Path p : segments) {
                faults.mutable(p);
            }
            d.runUntil(afterIntervals(10));
            assertTrue(s.memory().isEmpty());
            delivered.addAll(drain(box));
        }
        assertEquals(range(10), seqs(delivered, "/observation"));
        assertEquals(range(8), seqs(delivered, "/forecast"));
        SeqCounters.Saved saved = SeqCounters.read(data.resolve("seq"));
        assertEquals(10, saved.nextObservation());
        assertEquals(8, saved.nextForecast());
    }

    @Test
    void aStationRestartedAfterACrashWhileItsSeqsWereNotRecordedGivesThemOnlyToMessagesNeverPublished()
            throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        List<JsonNode> delivered = new ArrayList<>();
        try (Faults faults = new Faults()) {
            try (Outbox box = Outbox.open(data.resolve("outbox"), Outbox.MIN_MAX_BYTES)) {
                Station s = open(box, data); // not closed: the process "dies" with the fault on
                StationDriver d = new StationDriver(s, START, SAMPLE);
                d.runUntil(afterIntervals(3));
                delivered.addAll(drain(box));
                try (var files = Files.list(data.resolve("outbox"))) {
                    for (Path p : files.filter(p -> p.getFileName().toString().startsWith("seg-")).toList()) {
                        faults.immutable(p);
                    }
                }
                faults.immutable(data.resolve("seq"));
                d.runUntil(afterIntervals(5));
                assertNull(s.memory().publishable(), "nothing with an unrecorded seq goes out");
            }
            faults.close(); // the fault clears; the station starts again
            try (Outbox box = Outbox.open(data.resolve("outbox"), Outbox.MIN_MAX_BYTES); Station s = open(box, data)) {
                StationDriver d = new StationDriver(s, afterIntervals(5), SAMPLE);
                d.runFor(Duration.ofSeconds(3 * DT));
                delivered.addAll(drain(box));
            }
        }
        // Observations 3 and 4 were made and lost with the process, unpublished: their seqs go to the next ones.
        assertEquals(range(6), seqs(delivered, "/observation"));
        assertEquals(delivered.stream().filter(m -> m.get("_topic").asText().endsWith("/observation")).count(),
                delivered.stream().filter(m -> m.get("_topic").asText().endsWith("/observation"))
                        .map(m -> m.get("time").asText()).distinct().count());
    }
}
