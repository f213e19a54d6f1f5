package io.nowcast.runtime.station.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * A durable, bounded, first-in first-out queue of messages on disk: what the station has produced
 * and the broker has not yet acknowledged.
 *
 * <p><b>Files.</b> The directory holds append-only segment files {@code seg-<first index>.log} and
 * one {@code cursor} file. A segment is a run of records, each
 * <pre>
 *   u32 bodyLength | u32 CRC-32C(body) | body = u64 seq | u16 topicLength | topic (UTF-8) | payload
 * </pre>
 * little-endian. Every {@link #append} writes one record and forces it to the device before it
 * returns. {@code cursor} holds {@code u64 next index to deliver | u64 entries dropped | u32
 * CRC-32C of those 16 bytes}, replaced atomically (write, force, rename) on every {@link #ack}.
 *
 * <p><b>Crashes.</b> After a kill -9 or power loss the outbox reopens with every appended record;
 * a record cut short by the crash (its CRC or length does not check) is cut off the end of its
 * segment and logged. An acknowledgement that had not reached the cursor file is forgotten, so
 * that entry is delivered again: at least once, never zero times.
 *
 * <p><b>The bound.</b> Segment files together never exceed {@code maxBytes}. When an append would
 * pass it, the oldest segment is deleted whole, undelivered entries included: the station keeps
 * its most recent data. Every entry lost that way is counted in {@link #dropped()} (kept in the
 * cursor file across restarts) and logged as a warning with the running total.
 *
 * <p>Thread-safe: one producer appends while one consumer takes {@link #next} and {@link #ack}s.
 */
public final class Outbox implements Closeable {
    private static final String SEGMENT_PREFIX = "seg-";
    private static final String SEGMENT_SUFFIX = ".log";
    private static final String CURSOR = "cursor";
    private static final int RECORD_HEADER = 8; // u32 length + u32 crc
    private static final int BODY_FIXED = 10; // u64 seq + u16 topic length
    /** Segments per bound: the oldest segment is the unit that the bound drops. */
    private static final int SEGMENTS_PER_BOUND = 8;
    /** The smallest bound accepted, so that a segment can hold a few typical messages. */
    public static final long MIN_MAX_BYTES = 64 * 1024;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Deque<Segment> segments = new ArrayDeque<>(); // oldest first
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    private long cursor; // index of the next entry to deliver
    private long nextIndex; // index the next appended entry gets
    private long dropped;
    private long totalBytes;
    private long readOffset; // byte offset of entry `cursor` inside segments.peekFirst(), when cursor < nextIndex
    private FileChannel appendChannel; // the last segment, open for appending

    private static final class Segment {
        final long base; // index of its first entry
        final Path file;
        long count;
        long bytes;

        Segment(long base, Path file) {
            this.base = base;
            this.file = file;
        }

        long end() {
            return base + count;
        }
    }

    private Outbox(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = maxBytes / SEGMENTS_PER_BOUND;
    }

    /**
     * Opens (creating when needed) the outbox in {@code dir}, bounded by {@code maxBytes} of
     * segment files, and recovers what a crash left.
     */
    public static Outbox open(Path dir, long maxBytes) throws IOException {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("outbox bound " + maxBytes + " bytes is below the minimum " + MIN_MAX_BYTES);
        }
        Files.createDirectories(dir);
        Outbox box = new Outbox(dir, maxBytes);
        box.recover();
        return box;
    }

    /**
     * What waits in the outbox in {@code dir}, read without writing, creating or locking anything,
     * so that it can be asked while a station runs on it ({@code nowcast doctor}). A torn record at
     * the end of a segment is not counted (opening would cut it off).
     *
     * @param pending messages not yet acknowledged by the broker
     * @param dropped messages dropped at the bound so far
     * @param bytes   the bytes of the valid records in the segment files
     */
    public record Backlog(long pending, long dropped, long bytes) {
        /** The backlog of the outbox in {@code dir}; empty when there is no such directory. */
        public static Backlog of(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return new Backlog(0, 0, 0);
            }
            Outbox box = new Outbox(dir, MIN_MAX_BYTES);
            box.load(false);
            return new Backlog(box.nextIndex - box.cursor, box.dropped, box.totalBytes);
        }
    }

    private void recover() throws IOException {
        load(true);
        deleteDeliveredSegments();
        seekReadOffset();
        if (!segments.isEmpty()) {
            appendChannel = FileChannel.open(segments.peekLast().file, StandardOpenOption.WRITE);
        }
    }

    /** Reads the segments and the cursor; with {@code repair}, cuts a torn or corrupt tail off its segment. */
    private void load(boolean repair) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(SEGMENT_PREFIX) && n.endsWith(SEGMENT_SUFFIX);
            }).sorted().toList();
        }
        for (Path file : files) {
            String n = file.getFileName().toString();
            long base = Long.parseLong(n.substring(SEGMENT_PREFIX.length(), n.length() - SEGMENT_SUFFIX.length()));
            Segment s = new Segment(base, file);
            scan(s, repair);
            segments.addLast(s);
            totalBytes += s.bytes;
        }
        long[] saved = readCursor();
        cursor = saved[0];
        dropped = saved[1];
        Segment first = segments.peekFirst();
        nextIndex = segments.isEmpty() ? cursor : segments.peekLast().end();
        if (first != null && cursor < first.base) {
            cursor = first.base;
        }
        if (cursor > nextIndex) {
            cursor = nextIndex;
        }
    }

    /** Counts the valid records of s; with {@code repair}, cuts off a torn or corrupt tail. */
    private void scan(Segment s, boolean repair) throws IOException {
        try (FileChannel ch = repair ? FileChannel.open(s.file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(s.file, StandardOpenOption.READ)) {
            long size = ch.size();
            long offset = 0;
            while (offset < size) {
                int length = recordLength(ch, offset, size);
                if (length < 0) {
                    if (repair) {
                        Logger.warn("Outbox {}: cutting a damaged record at byte {} of {} ({} bytes dropped; a crash cut it short)",
                                s.file, offset, size, size - offset);
                        ch.truncate(offset);
                        ch.force(true);
                    }
                    break;
                }
                offset += RECORD_HEADER + length;
                s.count++;
            }
            s.bytes = offset;
        }
    }

    /** The body length of the valid record at offset, or -1 when it is torn or corrupt. */
    private int recordLength(FileChannel ch, long offset, long size) throws IOException {
        if (size - offset < RECORD_HEADER) {
            return -1;
        }
        header.clear();
        readFully(ch, header, offset);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < BODY_FIXED || length > size - offset - RECORD_HEADER) {
            return -1;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(ch, body, offset + RECORD_HEADER);
        return crc32c(body.array(), 0, length) == crc ? length : -1;
    }

    private long[] readCursor() throws IOException {
        Path file = dir.resolve(CURSOR);
        if (!Files.exists(file)) {
            return new long[] {segments.isEmpty() ? 0 : segments.peekFirst().base, 0};
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() != 20 || crc32c(b.array(), 0, 16) != b.getInt(16)) {
            // Written by rename, so a damaged cursor means the disk itself failed: start from the
            // oldest entry kept, which can only repeat messages, never lose one.
            Logger.warn("Outbox {}: cursor file is damaged; delivering again from the oldest entry kept", file);
            return new long[] {segments.isEmpty() ? 0 : segments.peekFirst().base, 0};
        }
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    private void writeCursor() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, cursor).putLong(8, dropped).putInt(16, crc32c(b.array(), 0, 16));
        Path tmp = dir.resolve(CURSOR + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, b);
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Appends one message and forces it to disk. At the bound, drops the oldest segment first
     * (see the class comment).
     *
     * @return the entry's index
     * @throws IllegalArgumentException when the message alone is larger than one segment
     *                                  ({@code maxBytes} / 8)
     */
    public long append(String topic, long seq, byte[] payload) throws IOException {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int bodyLength = BODY_FIXED + topicBytes.length + payload.length;
        long recordBytes = RECORD_HEADER + (long) bodyLength;
        if (recordBytes > segmentBytes || topicBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("message of " + recordBytes + " bytes to " + topic
                    + " is larger than an outbox segment (" + segmentBytes + " bytes = outbox.max_bytes / 8)");
        }
        ByteBuffer record = ByteBuffer.allocate((int) recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(bodyLength).putInt(0).putLong(seq).putShort((short) topicBytes.length).put(topicBytes).put(payload);
        record.putInt(4, crc32c(record.array(), RECORD_HEADER, bodyLength));
        record.flip();
        lock.lock();
        try {
            makeRoom(recordBytes);
            Segment last = segments.peekLast();
            if (last == null || last.bytes + recordBytes > segmentBytes) {
                last = startSegment();
            }
            long position = last.bytes;
            while (record.hasRemaining()) {
                position += appendChannel.write(record, position);
            }
            appendChannel.force(false);
            last.bytes += recordBytes;
            last.count++;
            totalBytes += recordBytes;
            long index = nextIndex++;
            appended.signalAll();
            return index;
        } finally {
            lock.unlock();
        }
    }

    private void makeRoom(long recordBytes) throws IOException {
        while (totalBytes + recordBytes > maxBytes && segments.size() > 1) {
            Segment oldest = segments.removeFirst();
            long lost = oldest.end() - Math.max(cursor, oldest.base);
            Files.delete(oldest.file);
            totalBytes -= oldest.bytes;
            if (cursor < oldest.end()) {
                cursor = oldest.end();
                readOffset = 0;
            }
            if (lost > 0) {
                dropped += lost;
                Logger.warn("Outbox full ({} bytes, outbox.max_bytes): dropped the {} oldest undelivered messages; {} dropped in all",
                        maxBytes, lost, dropped);
            }
            writeCursor();
        }
    }

    private Segment startSegment() throws IOException {
        if (appendChannel != null) {
            appendChannel.close();
        }
        Segment s = new Segment(nextIndex, dir.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, nextIndex, SEGMENT_SUFFIX)));
        appendChannel = FileChannel.open(s.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory();
        segments.addLast(s);
        if (segments.size() == 1) {
            readOffset = 0;
        }
        deleteDeliveredSegments();
        return s;
    }

    /** Makes a new file's directory entry durable (Linux lets a directory be opened and forced). */
    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /**
     * The oldest undelivered entry, waiting up to {@code timeout} for one to be appended.
     *
     * @return the entry, or null when none arrived in time
     */
    public OutboxEntry next(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (cursor >= nextIndex) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = appended.awaitNanos(nanos);
            }
            return readAt(segments.peekFirst(), readOffset, cursor);
        } finally {
            lock.unlock();
        }
    }

    private OutboxEntry readAt(Segment s, long offset, long index) throws IOException {
        try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
            header.clear();
            readFully(ch, header, offset);
            int length = header.getInt(0);
            ByteBuffer body = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, body, offset + RECORD_HEADER);
            long seq = body.getLong(0);
            int topicLength = body.getShort(8) & 0xFFFF;
            String topic = new String(body.array(), BODY_FIXED, topicLength, StandardCharsets.UTF_8);
            byte[] payload = new byte[length - BODY_FIXED - topicLength];
            System.arraycopy(body.array(), BODY_FIXED + topicLength, payload, 0, payload.length);
            return new OutboxEntry(index, topic, seq, payload);
        }
    }

    /**
     * Marks the entry returned by {@link #next} as delivered: it leaves the outbox, durably.
     * An index other than the oldest undelivered one is ignored (the bound may have dropped the
     * entry meanwhile).
     */
    public void ack(long index) throws IOException {
        lock.lock();
        try {
            if (index != cursor) {
                return;
            }
            Segment s = segments.peekFirst();
            readOffset += RECORD_HEADER + bodyLengthAt(s, readOffset);
            cursor++;
            writeCursor();
            deleteDeliveredSegments();
        } finally {
            lock.unlock();
        }
    }

    private int bodyLengthAt(Segment s, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
            header.clear();
            readFully(ch, header, offset);
            return header.getInt(0);
        }
    }

    /** Deletes segments every entry of which is delivered, except the one being appended to. */
    private void deleteDeliveredSegments() throws IOException {
        while (segments.size() > 1 && segments.peekFirst().end() <= cursor) {
            Segment done = segments.removeFirst();
            Files.delete(done.file);
            totalBytes -= done.bytes;
            readOffset = 0;
        }
    }

    /** Positions readOffset on entry `cursor` after recovery. */
    private void seekReadOffset() throws IOException {
        readOffset = 0;
        Segment s = segments.peekFirst();
        if (s == null) {
            return;
        }
        for (long i = s.base; i < cursor; i++) {
            readOffset += RECORD_HEADER + bodyLengthAt(s, readOffset);
        }
    }

    /**
     * The last seq stored for each topic among the entries still on disk, delivered or not
     * (for producers that restart their numbering after a crash).
     */
    public Map<String, Long> lastSeqByTopic() throws IOException {
        lock.lock();
        try {
            Map<String, Long> last = new HashMap<>();
            for (Segment s : segments) {
                long offset = 0;
                for (long i = s.base; i < s.end(); i++) {
                    OutboxEntry e = readAt(s, offset, i);
                    last.put(e.topic(), e.seq());
                    offset += RECORD_HEADER + bodyLengthAt(s, offset);
                }
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** Entries appended and not yet delivered. */
    public long pending() {
        lock.lock();
        try {
            return nextIndex - cursor;
        } finally {
            lock.unlock();
        }
    }

    /** Undelivered entries dropped at the bound since the outbox was created. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of segment files on disk. */
    public long bytesOnDisk() {
        lock.lock();
        try {
            return totalBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Entry ranges per segment file, oldest first: for tests and diagnostics. */
    List<long[]> segmentRanges() {
        lock.lock();
        try {
            List<long[]> r = new ArrayList<>();
            for (Segment s : segments) {
                r.add(new long[] {s.base, s.end()});
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (appendChannel != null) {
                appendChannel.close();
                appendChannel = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of outbox file at byte " + p);
            }
            p += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static int crc32c(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, length);
        return (int) crc.getValue();
    }
}
