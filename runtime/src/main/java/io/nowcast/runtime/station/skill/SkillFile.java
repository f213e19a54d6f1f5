package io.nowcast.runtime.station.skill;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * A {@link SkillTable} on disk: one file per model, of a fixed size, little-endian:
 * <pre>
 *   header, 64 bytes: "NCSKILL1" | u32 O | u32 720 (rows) | u32 3600 (seconds a row) | u32 0
 *                     | 32 bytes SHA-256 of the model file | u32 CRC-32C of bytes 0..55 | u32 0
 *   720 rows, each two slots of 20 + 52·O bytes:
 *                     u64 hour | u64 gen | O × (u32 count | 6 × f64 sums) | u32 CRC-32C of the slot before it
 * </pre>
 * Written the way the outbox's cursor file is: made whole once (through {@code NAME.tmp}, forced,
 * renamed over the name, the directory forced), then only overwritten in place, one slot at a time.
 * A row's update goes to the slot of its new {@code gen}'s parity, so that a write cut short spoils
 * that slot only and the other still holds the row one update behind. Reading takes, per row, the
 * valid slot with the larger {@code gen}. Since the file's blocks exist from the start, a full disk
 * does not stop the updates. When to write a row and to {@link #force} the file is the caller's
 * ({@link SkillRecord}: once an hour); a write cut short never leaves a row that is neither its old
 * nor its new self.
 *
 * <p>A file of another size, another model, or with a damaged header is not read (a larger one is
 * not even opened for reading): it is moved aside to {@code NAME.damaged}, the reason logged, and a
 * new record starts. Damaged slots are passed over and counted. Updates allocate nothing.
 */
final class SkillFile implements AutoCloseable {
    static final int HEADER = 64;
    private static final byte[] MAGIC = "NCSKILL1".getBytes(StandardCharsets.US_ASCII);
    private static final int ROW_FIXED = 16; // u64 hour, u64 gen
    private static final int PER_OUTPUT = 4 + 8 * SkillTable.SUMS;

    private final Path file;
    private final int outputs;
    private final int slotBytes;
    private final long[] gens = new long[SkillTable.BUCKETS]; // [row] gen of the row's newest slot
    private final ByteBuffer slot; // direct: a write copies nothing
    private final double[] row; // [O][SUMS] one row's sums while restoring
    private final CRC32C crc = new CRC32C();
    private final FileChannel channel;
    private int damagedSlots;
    private int restoredRows;
    private String setAside; // why an unusable file was moved aside at open, or null

    private SkillFile(Path file, int outputs, FileChannel channel) {
        this.file = file;
        this.outputs = outputs;
        this.slotBytes = slotBytes(outputs);
        this.slot = ByteBuffer.allocateDirect(slotBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.row = new double[outputs * SkillTable.SUMS];
        this.channel = channel;
    }

    static int slotBytes(int outputs) {
        return ROW_FIXED + PER_OUTPUT * outputs + 4;
    }

    /** The size of a record of {@code outputs} outputs. */
    static long fileBytes(int outputs) {
        return HEADER + 2L * SkillTable.BUCKETS * slotBytes(outputs);
    }

    /**
     * Opens the record in {@code file}, restoring its rows into {@code table}, or creates it; an
     * unusable file is moved aside and replaced (see the class comment).
     *
     * @param sha256 the model's SHA-256, 32 bytes
     */
    static SkillFile open(Path file, byte[] sha256, SkillTable table) throws IOException {
        int outputs = table.outputs();
        String problem = check(file, sha256, outputs);
        if (problem != null) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            Logger.warn("{}: {}; moved aside to {}, and the model's live skill starts afresh", file, problem,
                    aside.getFileName());
        }
        if (!Files.exists(file)) {
            create(file, sha256, outputs);
        }
        SkillFile f = new SkillFile(file, outputs, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        f.setAside = problem;
        try {
            f.restore(table);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        if (f.damagedSlots > 0) {
            Logger.warn("{}: {} damaged slot(s) passed over (an update cut short, or the disk); each loses at most one "
                    + "hour's scores", file, f.damagedSlots);
        }
        return f;
    }

    /** Why the file cannot be this model's record, or null when it can (or does not exist). */
    private static String check(Path file, byte[] sha256, int outputs) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (size != fileBytes(outputs)) {
            return size + " bytes where a record of " + outputs + " outputs has " + fileBytes(outputs);
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
                // fills the header
            }
        }
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 56);
        if (!Arrays.equals(h.array(), 0, 8, MAGIC, 0, 8) || (int) c.getValue() != h.getInt(56)) {
            return "damaged header";
        }
        if (h.getInt(8) != outputs || h.getInt(12) != SkillTable.BUCKETS || h.getInt(16) != SkillTable.BUCKET_SECONDS
                || !Arrays.equals(h.array(), 24, 56, sha256, 0, 32)) {
            return "the header is of another model or layout";
        }
        return null;
    }

    /** Writes the header and empty rows through NAME.tmp, forced and renamed over NAME. */
    private static void create(Path file, byte[] sha256, int outputs) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(outputs).putInt(SkillTable.BUCKETS).putInt((int) SkillTable.BUCKET_SECONDS).putInt(0).put(sha256);
        CRC32C c = new CRC32C();
        c.update(h.array(), 0, 56);
        h.putInt((int) c.getValue()).putInt(0).flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, h, 0);
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long at = HEADER; at < fileBytes(outputs); at += zeros.limit()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), fileBytes(outputs) - at));
                writeFully(ch, zeros, at);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    private void restore(SkillTable table) throws IOException {
        for (int r = 0; r < SkillTable.BUCKETS; r++) {
            long best = -1;
            for (int s = 0; s < 2; s++) {
                if (readSlot(r, s) && slot.getLong(8) > best) {
                    best = slot.getLong(8);
                }
            }
            if (best < 0) {
                continue;
            }
            readSlot(r, (int) (best & 1));
            gens[r] = best;
            long hour = slot.getLong(0);
            if (Math.floorMod(hour, (long) SkillTable.BUCKETS) != r) {
                damagedSlots++;
                continue;
            }
            table.restoreRow(r, hour);
            for (int k = 0; k < outputs; k++) {
                int at = ROW_FIXED + k * PER_OUTPUT;
                for (int j = 0; j < SkillTable.SUMS; j++) {
                    row[k * SkillTable.SUMS + j] = slot.getDouble(at + 4 + 8 * j);
                }
                table.restore(r, k, slot.getInt(at), row, k * SkillTable.SUMS);
            }
            restoredRows++;
        }
        table.dropExpired();
    }

    /** Reads slot {@code s} of row {@code r} into {@link #slot}: true when its CRC holds and its gen is that slot's. */
    private boolean readSlot(int r, int s) throws IOException {
        slot.clear();
        long at = position(r, s);
        while (slot.hasRemaining()) {
            int n = channel.read(slot, at + slot.position());
            if (n < 0) {
                return false;
            }
        }
        crc.reset();
        crc.update(slot.flip().limit(slotBytes - 4));
        slot.limit(slotBytes);
        boolean valid = (int) crc.getValue() == slot.getInt(slotBytes - 4);
        if (!valid && !allZero()) {
            damagedSlots++;
        }
        return valid && slot.getLong(8) >= 0 && (slot.getLong(8) & 1) == s;
    }

    private boolean allZero() {
        for (int i = 0; i < slotBytes; i++) {
            if (slot.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private long position(int r, int s) {
        return HEADER + ((long) r * 2 + s) * slotBytes;
    }

    /** Writes row {@code r} of {@code table} into the slot of its next gen, in place. */
    void write(SkillTable table, int r) throws IOException {
        long gen = gens[r] + 1;
        slot.clear();
        slot.putLong(0, table.rowHour(r)).putLong(8, gen);
        for (int k = 0; k < outputs; k++) {
            int at = ROW_FIXED + k * PER_OUTPUT;
            slot.putInt(at, table.count(r, k));
            for (int j = 0; j < SkillTable.SUMS; j++) {
                slot.putDouble(at + 4 + 8 * j, table.sumOf(r, k, j));
            }
        }
        crc.reset();
        slot.limit(slotBytes - 4);
        crc.update(slot);
        slot.limit(slotBytes).putInt(slotBytes - 4, (int) crc.getValue()).position(0);
        long at = position(r, (int) (gen & 1));
        while (slot.hasRemaining()) {
            at += channel.write(slot, at);
        }
        gens[r] = gen;
    }

    /** Forces the updates written so far to the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Rows restored at open. */
    int restoredRows() {
        return restoredRows;
    }

    /** Slots found damaged at open. */
    int damagedSlots() {
        return damagedSlots;
    }

    /** Why the file found at open was moved aside, or null. */
    String setAside() {
        return setAside;
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
