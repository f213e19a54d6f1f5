package io.nowcast.runtime.station.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The outbox's {@code cursor} file: two slots of 24 bytes little-endian,
 * <pre>
 *   u64 next index to deliver | u64 entries dropped at the bound | u32 CRC-32C of those 16 bytes | u32 0
 * </pre>
 * at offsets 0 and 24. An ack overwrites the slot of {@code next}'s parity in place and forces it:
 * a full disk cannot refuse that (the file's blocks exist), and a torn write spoils one slot only,
 * leaving the other, one entry behind (a repeat, never a loss). Reading takes the valid slot with
 * the larger {@code next}. {@link #replace} (at open, and when the file is missing) writes both
 * slots through {@code cursor.tmp}, forced and renamed over {@code cursor}, so that a cursor moved
 * back by recovery is not outvoted by an old slot. A 20-byte file is the earlier layout, one slot
 * without the padding; it is read, and replaced on the next write.
 */
final class CursorFile {
    static final String NAME = "cursor";
    private static final int SLOT = 24;
    static final int SIZE = 2 * SLOT;
    private static final int OLD_SIZE = 20;

    /** What the file said. */
    enum State { GOOD, MISSING, DAMAGED }

    /** The file's content; {@code next} and {@code dropped} are 0 unless it is {@link State#GOOD}. */
    record Saved(State state, long next, long dropped) {
    }

    private CursorFile() {
    }

    static Saved read(Path dir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(NAME));
        } catch (NoSuchFileException e) {
            return new Saved(State.MISSING, 0, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length == OLD_SIZE) {
            return valid(b, 0) ? new Saved(State.GOOD, b.getLong(0), b.getLong(8)) : new Saved(State.DAMAGED, 0, 0);
        }
        if (bytes.length != SIZE) {
            return new Saved(State.DAMAGED, 0, 0);
        }
        boolean first = valid(b, 0);
        boolean second = valid(b, SLOT);
        if (!first && !second) {
            return new Saved(State.DAMAGED, 0, 0);
        }
        int slot = !second || (first && b.getLong(0) >= b.getLong(SLOT)) ? 0 : SLOT;
        return new Saved(State.GOOD, b.getLong(slot), b.getLong(slot + 8));
    }

    /** Records {@code next} and {@code dropped} in place (see the class comment). */
    static void write(Path dir, long next, long dropped) throws IOException {
        Path file = dir.resolve(NAME);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() == SIZE) {
                ByteBuffer b = slot(next, dropped);
                long at = (next & 1) * SLOT;
                while (b.hasRemaining()) {
                    at += ch.write(b, at);
                }
                ch.force(false);
                return;
            }
        } catch (NoSuchFileException e) {
            // made below
        }
        replace(dir, next, dropped);
    }

    /** Writes a new file whose two slots both hold {@code next} and {@code dropped}, atomically. */
    static void replace(Path dir, long next, long dropped) throws IOException {
        ByteBuffer both = ByteBuffer.allocate(SIZE);
        both.put(slot(next, dropped)).put(slot(next, dropped)).flip();
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (both.hasRemaining()) {
                ch.write(both);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ByteBuffer slot(long next, long dropped) {
        ByteBuffer b = ByteBuffer.allocate(SLOT).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, next).putLong(8, dropped).putInt(16, crc32c(b, 0));
        return b;
    }

    private static boolean valid(ByteBuffer b, int at) {
        return crc32c(b, at) == b.getInt(at + 16) && b.getLong(at) >= 0 && b.getLong(at + 8) >= 0;
    }

    private static int crc32c(ByteBuffer b, int at) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), b.arrayOffset() + at, 16);
        return (int) crc.getValue();
    }
}
