package io.nowcast.runtime.station.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.TestModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skill record on disk: restored as written; an update cut short (a slot's bytes spoiled) loses
 * only that update; a file of the wrong size (a huge one is not read), with a damaged header, or of
 * another model is moved aside with the reason and a fresh record starts; the store keeps the
 * records of the last four models only.
 */
class SkillFileTest {
    private static final long HOUR = 3600;
    private static final long T0 = 1_772_323_200L; // 2026-03-01T00:00:00Z

    @TempDir
    Path dir;

    private static ModelInfo model(int seed) throws Exception {
        return TestModels.info(TestModels.weather(3 + seed, 600));
    }

    /** Six scores of output 0 in hour 0, three of output 1 in hour 2: errors and persistence errors by hand. */
    private static void scoreSome(SkillRecord r) throws Exception {
        for (int i = 0; i < 6; i++) {
            r.add(0, T0 + 600 * i, i - 2.5, 1);
            r.flush();
        }
        for (int i = 0; i < 3; i++) {
            r.add(1, T0 + 2 * HOUR + 600 * i, 2, -i);
            r.flush();
        }
    }

    @Test
    void aRecordIsRestoredAsItWasWritten() throws Exception {
        ModelInfo info = model(0);
        SkillStore store = new SkillStore(dir);
        try (SkillRecord r = store.open(info)) {
            assertTrue(r.durable());
            scoreSome(r);
        }
        try (SkillRecord r = store.open(info)) {
            assertNull(r.setAside());
            // Output 0: errors -2.5..2.5 by 1: n 6, Σe 0, Σ|e| 9, Σe² 17.5; persistence errors all 1.
            Figures f = r.figures(0, SkillWindow.DAY);
            assertEquals(6, f.count());
            assertEquals(Math.sqrt(17.5 / 6), f.rmse(), 1e-15);
            assertEquals(1.5, f.mae(), 1e-15);
            assertEquals(0, f.bias(), 1e-15);
            assertEquals(1, f.persistenceRmse(), 1e-15);
            assertEquals(1 - Math.sqrt(17.5 / 6), f.skill(), 1e-15);
            // Output 1: e = 2 three times; p = 0, -1, -2: RMSE sqrt(5/3), bias -1.
            Figures g = r.figures(1, SkillWindow.WEEK);
            assertEquals(3, g.count());
            assertEquals(2, g.rmse(), 1e-15);
            assertEquals(Math.sqrt(5.0 / 3), g.persistenceRmse(), 1e-15);
            assertEquals(-1, g.persistenceBias(), 1e-15);
            assertEquals(java.time.Instant.ofEpochSecond(T0 + 2 * HOUR), r.newest());
            // A period of 2 hours ends with the newest (hour 2) and leaves hour 0 out.
            assertEquals(0, r.figures(0, 2).count());
            assertEquals(6, r.figures(0, 3).count());
        }
    }

    @Test
    void theNewestHourIsWrittenWhenTheNextBeginsOrAtClose() throws Exception {
        ModelInfo info = model(0);
        SkillStore store = new SkillStore(dir);
        Path file = store.dir().resolve(info.sha256() + ".skill");
        try (SkillRecord r = store.open(info)) {
            r.add(0, T0, 1, 1);
            r.flush();
            byte[] before = Files.readAllBytes(file);
            r.add(0, T0 + 600, 1, 1);
            r.flush();
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the newest hour's row waits");
            r.add(0, T0 + HOUR, 1, 1); // the next hour begins: the first hour's row is written
            r.flush();
            Path copy = dir.resolve("copy/skill/" + info.sha256() + ".skill");
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
            try (SkillRecord seen = new SkillStore(dir.resolve("copy")).open(info)) {
                assertEquals(2, seen.figures(0, SkillWindow.DAY).count(), "the hour that is over, as a crash would find it");
            }
        }
        try (SkillRecord r = store.open(info)) {
            assertEquals(3, r.figures(0, SkillWindow.DAY).count(), "closing wrote the newest hour too");
        }
    }

    @Test
    void anUpdateCutShortLosesThatUpdateOnly() throws Exception {
        ModelInfo info = model(0);
        SkillStore store = new SkillStore(dir);
        for (int i = 0; i < 3; i++) { // the row of hour T0 written three times: gens 1, 2, 3
            try (SkillRecord r = store.open(info)) {
                r.add(1, T0 + 2 * HOUR + 600 * i, 2, -i);
            }
        }
        // Gen 3 went to slot 1 (its parity). Spoil that slot: the row is read from slot 0, gen 2, with
        // two scores.
        Path file = store.dir().resolve(info.sha256() + ".skill");
        int outputs = 2;
        int slot = SkillFile.slotBytes(outputs);
        long row = Math.floorMod(T0 / HOUR + 2, 720L);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = SkillFile.HEADER + (row * 2 + 1) * slot + 30;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        try (SkillRecord r = store.open(info)) {
            assertNull(r.setAside(), "a damaged slot is not a damaged file");
            assertEquals(2, r.figures(1, SkillWindow.DAY).count(), "the update before the spoiled one");
        }
    }

    @Test
    void aFileOfTheWrongSizeOrWithADamagedHeaderOrOfAnotherModelIsSetAsideAndAFreshRecordStarts() throws Exception {
        ModelInfo info = model(0);
        SkillStore store = new SkillStore(dir);
        Path file = store.dir().resolve(info.sha256() + ".skill");
        Files.createDirectories(store.dir());

        // Oversized: 1 GiB, sparse, so that reading it would show (it is not read).
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        try (SkillRecord r = store.open(info)) {
            assertTrue(r.setAside().startsWith("1073741824 bytes where a record of 2 outputs has "), r.setAside());
            assertTrue(r.durable());
            assertEquals(0, r.figures(0, SkillWindow.MONTH).count());
            scoreSome(r);
        }
        assertEquals(1L << 30, Files.size(file.resolveSibling(file.getFileName() + ".damaged")));
        assertEquals(SkillFile.fileBytes(2), Files.size(file));

        // Garbage of the right size: a damaged header.
        byte[] garbage = new byte[(int) SkillFile.fileBytes(2)];
        new java.util.SplittableRandom(5).nextBytes(garbage);
        Files.write(file, garbage);
        try (SkillRecord r = store.open(info)) {
            assertEquals("damaged header", r.setAside());
            assertEquals(0, r.figures(0, SkillWindow.MONTH).count());
        }

        // Truncated, empty.
        Files.write(file, new byte[0]);
        try (SkillRecord r = store.open(info)) {
            assertTrue(r.setAside().startsWith("0 bytes where"), r.setAside());
        }

        // Another model's record under this model's name.
        ModelInfo other = model(1);
        try (SkillRecord r = store.open(other)) {
            scoreSome(r);
        }
        Files.copy(store.dir().resolve(other.sha256() + ".skill"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (SkillRecord r = store.open(info)) {
            assertEquals("the header is of another model or layout", r.setAside());
            assertEquals(0, r.figures(0, SkillWindow.MONTH).count());
        }
    }

    @Test
    void aDataDirectoryThatCannotHoldTheRecordLeavesItInMemory() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        try (SkillRecord r = new SkillStore(notADirectory).open(model(0))) {
            assertFalse(r.durable());
            scoreSome(r); // works all the same
            assertEquals(6, r.figures(0, SkillWindow.DAY).count());
        }
    }

    @Test
    void theStoreKeepsTheRecordsOfTheLastFourModels() throws Exception {
        SkillStore store = new SkillStore(dir);
        String[] shas = new String[6];
        for (int m = 0; m < 6; m++) {
            ModelInfo info = model(m);
            shas[m] = info.sha256();
            try (SkillRecord r = store.open(info)) {
                r.add(0, T0, 1, 1);
                r.flush();
            }
            Files.setLastModifiedTime(store.dir().resolve(info.sha256() + ".skill"),
                    java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (m + 1))); // opened in this order
        }
        for (int m = 0; m < 6; m++) {
            assertEquals(m >= 2, Files.exists(store.dir().resolve(shas[m] + ".skill")), "model " + m);
        }
    }
}
