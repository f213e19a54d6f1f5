package io.nowcast.runtime.station.skill;

import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.ModelInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * One model's live skill: its scored forecasts of the last 30 days ({@link SkillTable}), kept in
 * its file ({@link SkillFile}) when the data directory allows, else in memory only. A record
 * belongs to one model file (its SHA-256): a model swapped in starts a record of its own, and the
 * record of the model before it stays as it was, for comparing the two ({@link SkillStore}).
 *
 * <p>The figures of a period end at the record's newest scored hour, so that a record no longer
 * scored (a model replaced) keeps the figures it had. Used on the station's thread; reading
 * figures from another thread needs the caller's own lock.
 */
public final class SkillRecord implements AutoCloseable {
    private final String sha256;
    private final List<OutputSpec> outputs; // the model's outputs, the first MAX_OUTPUTS of them
    private final SkillTable table;
    private final double[] sums = new double[SkillTable.SUMS + 1]; // [n, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²]
    private SkillFile file; // null: memory only
    private final boolean[] unsaved = new boolean[SkillTable.BUCKETS]; // [row] changed, not yet in the file
    private int unsavedRows;
    private final String setAside;

    SkillRecord(ModelInfo info, SkillTable table, SkillFile file) {
        List<OutputSpec> all = info.model().outputs();
        this.sha256 = info.sha256();
        this.outputs = List.copyOf(all.subList(0, Math.min(all.size(), SkillStore.MAX_OUTPUTS)));
        this.table = table;
        this.file = file;
        this.setAside = file == null ? null : file.setAside();
    }

    /** A record of {@code outputs()} outputs that lives in memory only. */
    static SkillRecord inMemory(ModelInfo info) {
        return new SkillRecord(info, new SkillTable(Math.min(info.model().outputCount(), SkillStore.MAX_OUTPUTS)), null);
    }

    /** The model's SHA-256 (lower-case hex), whose record this is. */
    public String sha256() {
        return sha256;
    }

    /** The outputs kept: the model's, the first {@value SkillStore#MAX_OUTPUTS} of them. */
    public List<OutputSpec> outputs() {
        return outputs;
    }

    /**
     * Why the file found for this record at open could not be used and was moved aside (its size,
     * its header), or null when it could, or there was none.
     */
    public String setAside() {
        return setAside;
    }

    /** True when the record is kept in the data directory (false: memory only, lost at a restart). */
    public boolean durable() {
        return file != null;
    }

    /** Output {@code k}'s figures over the newest scored hour and the {@code hours} − 1 before it (≤ 720). */
    public Figures figures(int k, int hours) {
        table.sum(k, Math.min(hours, SkillTable.BUCKETS), sums);
        return Figures.of(sums);
    }

    public Figures figures(int k, SkillWindow w) {
        table.window(k, w, sums);
        return Figures.of(sums);
    }

    /** The start of the first hour of a period of {@code hours} hours, or null when nothing is scored. */
    public Instant from(int hours) {
        long newest = table.newestHour();
        return newest == SkillTable.EMPTY ? null
                : Instant.ofEpochSecond((newest - Math.min(hours, SkillTable.BUCKETS) + 1) * SkillTable.BUCKET_SECONDS);
    }

    /** Output {@code k}'s sums over window {@code w} into {@code into} = [n, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²]. */
    void totals(int k, SkillWindow w, double[] into) {
        table.window(k, w, into);
    }

    /** The newest hour with a score (epoch seconds / 3600), or {@link SkillTable#EMPTY}. */
    long newestHour() {
        return table.newestHour();
    }

    /** The start of the newest hour with a score, or null when nothing is scored yet. */
    public Instant newest() {
        long newest = table.newestHour();
        return newest == SkillTable.EMPTY ? null : Instant.ofEpochSecond(newest * SkillTable.BUCKET_SECONDS);
    }

    /**
     * True when output {@code k}'s 7-day RMSE is worse than persistence's over at least
     * {@code minScored} forecasts. Allocates nothing.
     */
    boolean worseThanPersistence(int k, long minScored) {
        table.window(k, SkillWindow.WEEK, sums);
        return sums[0] >= minScored && sums[0] > 0 && sums[3] > sums[6];
    }

    /** Output {@code k}'s 7-day RMSE and persistence's, and the count, into {@code into} [3]. */
    void week(int k, double[] into) {
        table.window(k, SkillWindow.WEEK, sums);
        into[0] = Math.sqrt(sums[3] / sums[0]);
        into[1] = Math.sqrt(sums[6] / sums[0]);
        into[2] = sums[0];
    }

    /** Adds a scored forecast of output {@code k}, scored on the interval at {@code epochSeconds}. */
    void add(int k, long epochSeconds, double error, double persistenceError) {
        int row = table.add(k, epochSeconds, error, persistenceError);
        if (row >= 0 && !unsaved[row]) {
            unsaved[row] = true;
            unsavedRows++;
        }
    }

    /**
     * Writes the rows changed since they were last written whose hour is over (the newest hour's row
     * waits until the next hour begins, or {@link #close}), and forces the file: one write and one
     * force an hour. A crash (kill -9, a power cut) loses at most the scores of the newest hour.
     *
     * @throws IOException when the file cannot take them (they stay in memory, and the next flush
     *                     tries again)
     */
    void flush() throws IOException {
        int newest = table.rowOf(table.newestHour());
        if (file == null || unsavedRows == 0 || (unsavedRows == 1 && unsaved[newest])) {
            return;
        }
        save(newest);
    }

    /** Writes every unsaved row but {@code except} (−1: none) and forces the file. */
    private void save(int except) throws IOException {
        for (int row = 0; row < SkillTable.BUCKETS; row++) {
            if (unsaved[row] && row != except) {
                file.write(table, row);
                unsaved[row] = false;
                unsavedRows--;
            }
        }
        file.force();
    }

    /** Writes what is not written yet, the newest hour included, and closes the file. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            try {
                save(-1);
            } finally {
                file.close();
                file = null;
            }
        }
    }
}
