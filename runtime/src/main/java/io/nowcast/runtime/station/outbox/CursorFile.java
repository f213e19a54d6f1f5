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
 * The outbox's {@code cursor} file, 20 bytes little-endian:
 * <pre>
 *   u64 next index to deliver | u64 entries dropped at the bound | u32 CRC-32C of those 16 bytes
 * </pre>
 * replaced atomically: written to {@code cursor.tmp}, forced, renamed over {@code cursor}.
 */
final class CursorFile {
    static final String NAME = "cursor";
    private static final int SIZE = 20;

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
        if (bytes.length != SIZE || crc32c(bytes) != b.getInt(16) || b.getLong(0) < 0 || b.getLong(8) < 0) {
            return new Saved(State.DAMAGED, 0, 0);
        }
        return new Saved(State.GOOD, b.getLong(0), b.getLong(8));
    }

    static void write(Path dir, long next, long dropped) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, next).putLong(8, dropped).putInt(16, crc32c(b.array()));
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int crc32c(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 16);
        return (int) crc.getValue();
    }
}
