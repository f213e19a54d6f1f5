package io.nowcast.runtime.station.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
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
            assertEquals(new Outbox.Damage(1, 13, 0, 0, 0), box.damage(), "one record lost, 13 bytes");
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
        byte[] payload = new byte[992]; // record = 16 + 10 + 1 topic byte + 992 = 1019 bytes
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
        byte[] payload = new byte[992]; // 1019-byte records, 8 to a segment
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

    // Damage: each test below damages real files the way a disk or a crash does, then checks
    // exactly which messages still arrive and what is counted as lost.

    private static final Outbox.Damage NONE = new Outbox.Damage(0, 0, 0, 0, 0);

    /** Appends m0 … m(n-1) to topic t, seq = i. */
    private static void appendMessages(Outbox box, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            box.append("t", i, bytes("m" + i));
        }
    }

    /** Takes and acknowledges everything waiting; returns the payloads, in order. */
    private static List<String> drain(Outbox box) throws Exception {
        List<String> got = new ArrayList<>();
        OutboxEntry e;
        while ((e = take(box)) != null) {
            got.add(new String(e.payload(), StandardCharsets.UTF_8).replace("\0", ""));
            box.ack(e.index());
        }
        return got;
    }

    /** Byte offsets of the records of an undamaged segment in the current layout. */
    private static List<Integer> recordOffsets(Path segment) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment)).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int at = 0; at < b.capacity(); at += 16 + (b.getInt(at) & 0x7FFF_FFFF)) {
            offsets.add(at);
        }
        return offsets;
    }

    private static void flip(Path file, int at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x5A;
        Files.write(file, b);
    }

    private static byte[] padded(int i) {
        byte[] p = new byte[992]; // 1019-byte records, 8 to a segment of the 64 KiB bound
        byte[] label = bytes("m" + i);
        System.arraycopy(label, 0, p, 0, label.length);
        return p;
    }

    private static List<String> labels(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("m" + i);
        }
        return l;
    }

    @Test
    void aDamagedRecordInTheMiddleOfASegmentLosesOnlyThatRecord() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
        }
        Path segment = segments().get(0);
        List<Integer> at = recordOffsets(segment);
        int damagedLength = at.get(3) - at.get(2);
        flip(segment, at.get(2) + 20); // inside record 2's body: its CRC no longer checks
        byte[] onDisk = Files.readAllBytes(segment);
        assertEquals(new Outbox.Backlog(4, 0, onDisk.length), Outbox.Backlog.of(dir), "the doctor does not count it");
        assertArrayEquals(onDisk, Files.readAllBytes(segment));
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(1, damagedLength, 0, 0, 0), box.damage());
            assertEquals(4, box.pending());
            assertEquals(List.of("m0", "m1", "m3", "m4"), drain(box));
            assertEquals(5, box.append("t", 5, bytes("m5")), "indexes go on after the last good record");
            assertEquals(List.of("m5"), drain(box));
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(NONE, box.damage(), "damage behind the cursor is not counted again");
            assertEquals(0, box.pending());
        }
    }

    @Test
    void aDamagedLengthIsSteppedOverToTheNextGoodRecord() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
        }
        Path segment = segments().get(0);
        List<Integer> at = recordOffsets(segment);
        byte[] b = Files.readAllBytes(segment);
        // Record 1's length says 7 bytes more than it has: read as it says, it would swallow the
        // start of record 2.
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at.get(1), (0x8000_0000 | (at.get(2) - at.get(1) - 16 + 7)));
        Files.write(segment, b);
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(1, at.get(2) - at.get(1), 0, 0, 0), box.damage());
            assertEquals(List.of("m0", "m2", "m3", "m4"), drain(box));
        }
    }

    @Test
    void zeroedBytesAcrossTwoRecordsLoseThoseTwo() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 6);
        }
        Path segment = segments().get(0);
        List<Integer> at = recordOffsets(segment);
        byte[] b = Files.readAllBytes(segment);
        for (int i = at.get(1) + 3; i < at.get(3) - 2; i++) {
            b[i] = 0; // a block the disk gave back as zeros: the end of record 0 survives, 1 and 2 do not
        }
        Files.write(segment, b);
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(2, at.get(3) - at.get(1), 0, 0, 0), box.damage());
            assertEquals(4, box.pending());
            assertEquals(List.of("m0", "m3", "m4", "m5"), drain(box));
        }
    }

    @Test
    void aTruncatedLastRecordIsCutAndItsIndexReused() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 3);
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        int lastStart = recordOffsets(segment).get(2);
        try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // a torn write: the last record lost its last 5 bytes
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(lastStart, Files.size(segment), "the torn record is cut off");
            assertEquals(new Outbox.Damage(1, size - 5 - lastStart, 0, 0, 0), box.damage());
            assertEquals(2, box.pending());
            assertEquals(2, box.append("t", 2, bytes("m2 again")), "the cut record's index is given again");
            assertEquals(List.of("m0", "m1", "m2 again"), drain(box));
        }
    }

    @Test
    void aDeletedMiddleSegmentLosesOnlyItsEntries() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 24; i++) {
                box.append("t", i, padded(i));
            }
            assertEquals(3, segments().size());
            for (int i = 0; i < 3; i++) {
                box.ack(take(box).index());
            }
        }
        Files.delete(segments().get(1)); // entries 8 to 15
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(8, 0, 1, 0, 0), box.damage());
            assertEquals(24 - 3 - 8, box.pending());
            List<String> expected = labels(3, 8);
            expected.addAll(labels(16, 24));
            assertEquals(expected, drain(box));
        }
    }

    @Test
    void aSegmentThatVanishesWhileRunningIsPassedOver() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            for (int i = 0; i < 24; i++) {
                box.append("t", i, padded(i));
            }
            box.ack(take(box).index());
            Files.delete(segments().get(1));
            List<String> expected = labels(1, 8);
            expected.addAll(labels(16, 24));
            assertEquals(expected, drain(box));
            assertEquals(new Outbox.Damage(8, 0, 1, 0, 0), box.damage());
            assertEquals(0, box.pending());
        }
    }

    @Test
    void damageFoundWhileDeliveringIsSteppedOverAndCountedOnce() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
            box.ack(take(box).index());
            Path segment = segments().get(0);
            List<Integer> at = recordOffsets(segment);
            flip(segment, at.get(2) + 18); // record 2 rots on disk while the station runs
            assertEquals(List.of("m1", "m3", "m4"), drain(box));
            assertEquals(new Outbox.Damage(1, at.get(3) - at.get(2), 0, 0, 0), box.damage());
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(NONE, box.damage(), "behind the cursor: delivered or already counted");
        }
    }

    @Test
    void aGarbageCursorFileRestartsAtTheOldestEntry() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
            box.ack(take(box).index());
            box.ack(take(box).index());
        }
        Files.write(dir.resolve("cursor"), bytes("not a cursor at all"));
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(0, 0, 0, 1, 0), box.damage());
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), drain(box), "repeats, never losses");
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(NONE, box.damage(), "the cursor was written again");
            assertEquals(0, box.pending());
        }
    }

    @Test
    void aCursorBeyondTheEndRestartsAtTheOldestEntry() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
            box.ack(take(box).index());
        }
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000).putLong(8, 0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 16);
        b.putInt(16, (int) crc.getValue()); // a well-formed cursor, but at entry 1000 of 5
        Files.write(dir.resolve("cursor"), b.array());
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(0, 0, 0, 1, 0), box.damage());
            assertEquals(5, box.pending());
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), drain(box));
        }
    }

    @Test
    void aMissingCursorFileRestartsAtTheOldestEntry() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 3);
            box.ack(take(box).index());
        }
        Files.delete(dir.resolve("cursor"));
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(0, 0, 0, 1, 0), box.damage());
            assertEquals(List.of("m0", "m1", "m2"), drain(box));
        }
    }

    @Test
    void aFreshOutboxReopenedWithoutAnAckIsNoCursorReset() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 2);
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(NONE, box.damage());
            assertEquals(List.of("m0", "m1"), drain(box));
        }
    }

    @Test
    void aFailedDirectorySyncIsCountedAndAppendingGoesOn() throws Exception {
        // As root on Linux forcing a directory cannot be made to fail for real, so the directory
        // sync is a seam here: it fails every time, as on a file system that refuses it.
        DirectorySync failing = d -> {
            throw new IOException("fsync of " + d + " refused");
        };
        try (Outbox box = Outbox.open(dir, BOUND, failing)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(i, box.append("t", i, padded(i)));
            }
            assertEquals(3, segments().size(), "segments 0, 8 and 16 were created");
            assertEquals(new Outbox.Damage(0, 0, 0, 0, 3), box.damage());
            List<String> first = drain(box);
            assertEquals(labels(0, 20), first);
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(NONE, box.damage());
            assertEquals(20, box.append("t", 20, padded(20)));
            assertEquals(List.of("m20"), drain(box));
        }
    }

    /** A record of the layout written before records carried their index. */
    private static byte[] oldLayoutRecord(long seq, String topic, String payload) {
        byte[] t = bytes(topic);
        byte[] p = bytes(payload);
        ByteBuffer body = ByteBuffer.allocate(10 + t.length + p.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(seq).putShort((short) t.length).put(t).put(p);
        CRC32C crc = new CRC32C();
        crc.update(body.array());
        return ByteBuffer.allocate(8 + body.capacity()).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(body.capacity()).putInt((int) crc.getValue()).put(body.array()).array();
    }

    @Test
    void segmentsOfTheOldLayoutAreStillReadAndStepsOverDamage() throws Exception {
        Path segment = dir.resolve("seg-00000000000000000000.log");
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(oldLayoutRecord(i, "t", "old" + i));
        }
        records.get(1)[12] ^= 0x5A; // damage record 1
        try (var out = Files.newOutputStream(segment)) {
            for (byte[] r : records) {
                out.write(r);
            }
        }
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(new Outbox.Damage(1, records.get(1).length, 0, 0, 0), box.damage());
            assertEquals(3, box.pending());
            assertEquals(3, box.lastSeqByTopic().get("t"));
            assertEquals(4, box.append("t", 4, bytes("new4")), "positions count the damaged record as one");
            OutboxEntry e = take(box);
            assertEquals(0, e.index());
            box.ack(e.index());
            assertEquals(2, take(box).index(), "entry 1 is the lost one");
            assertEquals(List.of("old2", "old3", "new4"), drain(box));
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
        }
    }

    @Test
    void aTornCursorSlotFallsBackToTheOtherOneEntryBehind() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 5);
            box.ack(take(box).index());
            box.ack(take(box).index()); // next = 2: written into the slot of even entries, at offset 0
        }
        byte[] cursor = Files.readAllBytes(dir.resolve("cursor"));
        assertEquals(48, cursor.length, "two slots of 24 bytes");
        cursor[3] ^= 0x10; // the even slot is spoilt, as by a write cut short
        Files.write(dir.resolve("cursor"), cursor);
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(List.of("m1", "m2", "m3", "m4"), drain(box), "m1 again (a repeat), nothing lost");
            assertEquals(NONE, box.damage(), "a valid slot is no cursor reset");
        }
    }

    @Test
    void aCursorOfTheEarlierTwentyByteLayoutIsReadAndReplaced() throws Exception {
        try (Outbox box = Outbox.open(dir, BOUND)) {
            appendMessages(box, 3);
        }
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1).putLong(8, 0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 16);
        b.putInt(16, (int) crc.getValue()); // entry 1 is next, in the layout before the two slots
        Files.write(dir.resolve("cursor"), b.array());
        try (Outbox box = Outbox.open(dir, BOUND)) {
            assertEquals(48, Files.size(dir.resolve("cursor")), "rewritten in the two-slot layout at open");
            assertEquals(List.of("m1", "m2"), drain(box));
        }
    }
}
