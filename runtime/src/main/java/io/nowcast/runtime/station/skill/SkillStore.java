package io.nowcast.runtime.station.skill;

import io.nowcast.runtime.station.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The live skill records of a station, one per model, in {@code <data_dir>/skill/<sha256>.skill}
 * ({@link SkillFile}). Opening a model's record restores it, or starts it; the records of the
 * {@value #KEEP} models used last are kept (the one running and those before it, for a rollback's
 * comparison), older ones deleted: the directory is bounded by {@value #KEEP} ×
 * {@link SkillFile#fileBytes} of the largest model, 4.6 MiB each at most.
 *
 * <p>Nothing here stops a station: a record that cannot be opened or created (a read-only or full
 * disk) is kept in memory only, and the reason logged.
 */
public final class SkillStore {
    public static final String DIR = "skill";
    static final String SUFFIX = ".skill";
    /**
     * Outputs a record keeps at most, the model's first (a file is then 64 + 1440 × 3348 bytes,
     * 4.6 MiB); further outputs are not scored.
     */
    public static final int MAX_OUTPUTS = 64;
    /** Records kept: the model running and the three used before it. */
    static final int KEEP = 4;

    private final Path dir;

    public SkillStore(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
    }

    /** The size of the record file of a model of {@code outputs} outputs (at most {@value #MAX_OUTPUTS} count). */
    public static long recordBytes(int outputs) {
        return SkillFile.fileBytes(Math.min(outputs, MAX_OUTPUTS));
    }

    /** Where the records live. */
    public Path dir() {
        return dir;
    }

    /**
     * The record of this model: restored from its file, or new. To start a fresh record for a
     * newly swapped-in model, open its record (its own file); the previous model's record is left
     * as it is, and can be opened again to read its figures.
     */
    public SkillRecord open(ModelInfo info) {
        int outputs = Math.min(info.model().outputCount(), MAX_OUTPUTS);
        SkillTable table = new SkillTable(outputs);
        Path file = dir.resolve(info.sha256() + SUFFIX);
        try {
            Files.createDirectories(dir);
            SkillFile f = SkillFile.open(file, HexFormat.of().parseHex(info.sha256()), table);
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            if (f.restoredRows() > 0) {
                Logger.info("Skill: {} hours of scored forecasts restored from {}", f.restoredRows(), file);
            }
            prune(file);
            return new SkillRecord(info, table, f);
        } catch (IOException | RuntimeException e) {
            Logger.warn("Skill: cannot keep the live skill of {} in {} ({}); it is kept in memory only until the next "
                    + "start", info.name(), file, e.toString());
            return SkillRecord.inMemory(info);
        }
    }

    /** Deletes the records beyond the {@value #KEEP} used last (by modification time), never {@code keep}. */
    private void prune(Path keep) throws IOException {
        List<Path> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(keep)).forEach(records::add);
        }
        records.sort(Comparator.comparing(SkillStore::modified).reversed());
        for (Path old : records.subList(Math.min(records.size(), KEEP - 1), records.size())) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".damaged"));
            Logger.info("Skill: deleted {}, the record of a model used before the last {}", old.getFileName(), KEEP);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
