package io.nowcast.runtime.station.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final long BOUND = Outbox.MIN_MAX_BYTES; // 64 KiB: segments of 8 KiB

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static OutboxEntry take(Outbox box) throws Exception {
        return box.next(0, TimeUnit.MILLISECONDS);
    }

    @Test
    void deliversInOrderAndForgetsOnlyAcknowledgedEntries() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, box.append("t/" + (i % 2), 100 + i, bytes("m" + i)));
            }
            OutboxEntry first = take(box);
            assertEquals(new OutboxEntry(0, "t/0", 100, new byte[0]).topic(), first.topic());
            assertArrayEquals(bytes("m0"), first.payload());
            assertEquals(0, take(box).index(), "next without ack returns the same entry again");
            box.ack(0);
            box.ack(0); // a repeated ack is ignored
            assertEquals(1, take(box).index());
            box.ack(1);
            assertEquals(3, box.pending());
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(3, box.pending());
            for (int i = 2; i < 5; i++) {
                OutboxEntry e = take(box);
                assertEquals(i, e.index());
                assertEquals(100 + i, e.seq());
                assertEquals("t/" + (i % 2), e.topic());
                assertArrayEquals(bytes("m" + i), e.payload());
                box.ack(e.index());
            }
            assertNull(take(box));
            assertEquals(5, box.append("t/0", 105, bytes("m5")), "indexes continue after a reopen");
        }
    }

    @Test
    void cutsATornRecordLeftByACrash() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 3; i++) {
                box.append("t", i, bytes("payload " + i));
            }
        }
        Path segment = segments().get(0);
        long intact = Files.size(segment);
        // A record header that promises 40 bytes, then only 5 of them: a write cut short by kill -9.
        Files.write(segment, new byte[] {40, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9, 9, 9}, StandardOpenOption.APPEND);
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(intact, Files.size(segment), "the torn tail is cut off");
            assertEquals(3, box.pending());
            assertEquals(3, box.append("t", 3, bytes("payload 3")));
            for (int i = 0; i < 4; i++) {
                OutboxEntry e = take(box);
                assertArrayEquals(bytes("payload " + i), e.payload());
                box.ack(e.index());
            }
        }
    }

    @Test
    void theBacklogIsReadWithoutChangingAByte() throws Exception {
        assertEquals(new Outbox.Backlog(0, 0, 0), Outbox.Backlog.of(dir.resolve("none")));
        assertFalse(Files.exists(dir.resolve("none")), "looking creates nothing");
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 3; i++) {
                box.append("t", i, bytes("payload " + i));
            }
            box.ack(0);
        }
        Path segment = segments().get(0);
        long intact = Files.size(segment);
        Files.write(segment, new byte[] {40, 0, 0, 0, 1, 2, 3, 4, 9}, StandardOpenOption.APPEND); // a torn record
        assertEquals(new Outbox.Backlog(2, 0, intact), Outbox.Backlog.of(dir));
        assertEquals(intact + 9, Files.size(segment), "the torn tail is left for the station to cut");
    }

    @Test
    void corruptedBytesInsideARecordAreDetectedByTheCrc() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            box.append("t", 0, bytes("good"));
            box.append("t", 1, bytes("will be damaged"));
        }
        Path segment = segments().get(0);
        byte[] b = Files.readAllBytes(segment);
        b[b.length - 1] ^= 0x55; // flip bits in the last payload byte
        Files.write(segment, b);
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(1, box.pending());
            assertArrayEquals(bytes("good"), take(box).payload());
        }
    }

    @Test
    void atTheBoundDropsTheOldestSegmentAndCountsWhatWasLost() throws Exception {
        byte[] payload = new byte[1000]; // record = 8 + 10 + 1 topic byte + 1000 = 1019 bytes
        int perSegment = (int) (BOUND / 8 / 1019); // 8192 / 1019 = 8 records per segment
        assertEquals(8, perSegment);
        int appended = 100;
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < appended; i++) {
                box.append("t", i, payload);
                assertTrue(box.bytesOnDisk() <= BOUND, "never above the bound: " + box.bytesOnDisk());
            }
            // A full segment is 8 x 1019 = 8152 bytes; 8 of them (65216) fit in 65536 but a ninth
            // segment's first record does not, so at most 7 full segments + the one being filled stay.
            // 100 records fill segments 0..11 and 4 records of segment 12: segments 5..12 stay,
            // and 5 x 8 = 40 undelivered records were dropped.
            List<long[]> ranges = box.segmentRanges();
            long firstKept = ranges.get(0)[0];
            assertEquals(40, firstKept);
            assertEquals(8, ranges.size());
            assertEquals(firstKept, box.dropped());
            assertEquals(appended - firstKept, box.pending());
            assertEquals(firstKept, take(box).index(), "delivery resumes at the oldest entry kept");
            assertEquals(firstKept, take(box).seq());
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertTrue(box.dropped() > 0);
            assertEquals(box.dropped(), take(box).index(), "the count of dropped entries survives a restart");
        }
    }

    @Test
    void deliveredSegmentsAreDeleted() throws Exception {
        byte[] payload = new byte[1000];
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 30; i++) {
                box.append("t", i, payload);
            }
            assertEquals(4, segments().size()); // 8 + 8 + 8 + 6
            OutboxEntry e;
            while ((e = take(box)) != null) {
                box.ack(e.index());
            }
            assertEquals(1, segments().size(), "only the segment being appended to stays");
            assertEquals(0, box.pending());
            for (int i = 30; i < 40; i++) {
                box.append("t", i, payload);
            }
            assertEquals(30, take(box).index(), "after a roll, delivery goes on in the new segment");
            assertEquals(0, box.dropped());
        }
    }

    @Test
    void remembersTheLastSeqOfEveryTopic() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            box.append("a", 7, bytes("x"));
            box.append("b", 3, bytes("y"));
            box.append("a", 8, bytes("z"));
            box.ack(take(box).index());
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(Map.of("a", 8L, "b", 3L), box.lastSeqByTopic());
        }
    }

    @Test
    void refusesAMessageLargerThanASegment() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> box.append("t", 0, new byte[9000]));
            assertTrue(e.getMessage().contains("larger than an outbox segment"), e.getMessage());
        }
    }

    @Test
    void waitsForAnAppendFromAnotherThread() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            Thread producer = new Thread(() -> {
                try {
                    box.append("t", 1, bytes("late"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.start();
            OutboxEntry e = box.next(10, TimeUnit.SECONDS);
            producer.join();
            assertArrayEquals(bytes("late"), e.payload());
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
        }
    }
}
