package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seq file: two slots written in place, its stream epoch, its old format, damage. */
class SeqCountersTest {
    private static final String OBS = "nowcast/g/observation";
    private static final String FC = "nowcast/g/forecast";
    private static final Instant T1 = Instant.parse("2026-02-01T10:00:00.750Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private SeqCounters open(Instant now, Map<String, Long> outbox) throws Exception {
        return SeqCounters.open(dir.resolve("seq"), OBS, FC, outbox, now);
    }

    @Test
    void theEpochIsTheStreamsStartAndStaysAcrossRestartsWhileSavesOverwriteInPlace() throws Exception {
        try (SeqCounters s = open(T1, Map.of())) {
            assertEquals("2026-02-01T10:00:00Z", s.epoch(), "whole seconds");
            assertEquals(0, s.takeObservation());
            assertEquals(1, s.takeObservation());
            assertEquals(0, s.takeForecast());
            assertEquals(0, s.durableObservation(), "not recorded yet");
            s.save();
            assertEquals(2, s.durableObservation());
            assertEquals(1, s.durableForecast());
        }
        long size = Files.size(dir.resolve("seq"));
        assertEquals(2 * SeqCounters.SLOT, size, "two slots, written once and then in place");
        try (SeqCounters s = open(T2, Map.of())) {
            assertEquals("2026-02-01T10:00:00Z", s.epoch(), "the same stream after a restart");
            assertEquals(2, s.nextObservation());
            for (int i = 0; i < 5; i++) {
                s.takeObservation();
                s.save();
            }
        }
        assertEquals(size, Files.size(dir.resolve("seq")));
        SeqCounters.Saved saved = SeqCounters.read(dir.resolve("seq"));
        assertEquals(7, saved.nextObservation());
        assertEquals(1, saved.nextForecast());
        String text = Files.readString(dir.resolve("seq"), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("seq-v2 gen="), text);
        assertTrue(text.contains(" epoch=2026-02-01T10:00:00Z observation=0000000000000000007 forecast=0000000000000000001 crc="),
                text);
    }

    @Test
    void aWipedDirectoryStartsANewStreamAtTheSeqsTheOutboxAllows() throws Exception {
        try (SeqCounters s = open(T2, Map.of(OBS, 41L))) {
            assertEquals("2026-03-01T10:00:00Z", s.epoch());
            assertEquals(42, s.nextObservation(), "after what the outbox still holds");
            assertEquals(0, s.nextForecast());
        }
    }

    @Test
    void aTornSlotLeavesTheOtherAndADamagedFileStartsANewStream() throws Exception {
        try (SeqCounters s = open(T1, Map.of())) {
            s.takeObservation();
            s.save(); // gen 2, slot 0
            s.takeObservation();
            s.save(); // gen 3, slot 1
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("seq").toFile(), "rw")) {
            f.seek(SeqCounters.SLOT + 60);
            f.write('9'); // the newest slot, cut short by a crash
        }
        SeqCounters.Saved saved = SeqCounters.read(dir.resolve("seq"));
        assertEquals(1, saved.nextObservation(), "the slot before");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("seq").toFile(), "rw")) {
            f.seek(60);
            f.write('9');
        }
        assertNull(SeqCounters.read(dir.resolve("seq")));
        try (SeqCounters s = open(T2, Map.of(OBS, 1L))) {
            assertNotEquals("2026-02-01T10:00:00Z", s.epoch(), "nothing to trust: a new stream");
            assertEquals(2, s.nextObservation(), "after the outbox");
        }
    }

    @Test
    void theFileOfEarlierVersionsIsReadAndRewrittenWithANewEpoch() throws Exception {
        Files.writeString(dir.resolve("seq"), "observation=17\nforecast=5\n");
        try (SeqCounters s = open(T2, Map.of())) {
            assertEquals(17, s.nextObservation());
            assertEquals(5, s.nextForecast());
            assertEquals("2026-03-01T10:00:00Z", s.epoch(), "payloads before had none: a new epoch from here");
        }
        assertEquals(17, SeqCounters.read(dir.resolve("seq")).nextObservation());
        assertEquals(2 * SeqCounters.SLOT, Files.size(dir.resolve("seq")));
    }

    @Test
    void aHugeFileIsNotReadWhole() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("seq").toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: a gigabyte that is not there
        }
        assertNull(SeqCounters.read(dir.resolve("seq")), "treated as damaged, not read");
    }
}
