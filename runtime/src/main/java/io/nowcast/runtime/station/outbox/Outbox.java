package io.nowcast.runtime.station.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * A durable, bounded, first-in first-out queue of messages on disk: what the station has produced
 * and the broker has not yet acknowledged.
 *
 * <p><b>Files.</b> The directory holds append-only segment files {@code seg-<first index>.log} and
 * one {@code cursor} file. A segment is a run of records, each (little-endian)
 * <pre>
 *   u32 0x8000_0000 | bodyLength | u32 CRC-32C(index, body) | u64 index | body
 *   body = u64 seq | u16 topicLength | topic (UTF-8) | payload
 * </pre>
 * ({@link RecordCodec}; records of earlier versions, without the index, are still read). Every
 * {@link #append} writes one record and forces it to the device before it returns. {@code cursor}
 * holds the index of the next entry to deliver and the count of entries dropped at the bound
 * ({@link CursorFile}), replaced atomically on every {@link #ack}.
 *
 * <p><b>Crashes.</b> After a kill -9 or power loss the outbox reopens with every appended record;
 * a record cut short by the crash is cut off the end of its segment. An acknowledgement that had
 * not reached the cursor file is forgotten, so that entry is delivered again: at least once.
 *
 * <p><b>Damage</b> loses only what is damaged, and never stops delivery:
 * <ul>
 * <li>a damaged record (bad length, CRC, topic or index), found when opening or when delivering,
 *     is stepped over to the next good record (each record says its index, so the reader knows
 *     exactly which entries were lost); only the entries in between are lost;</li>
 * <li>a gap in the indexes (a lost record, a missing segment file) is passed over: delivery goes on
 *     with the next entry that exists, and a segment file that vanishes while the station runs is
 *     treated the same way;</li>
 * <li>a cursor file that is damaged, points beyond the last entry, or is missing while segments
 *     exist (this version writes it on opening; earlier ones only from the first acknowledgement,
 *     so for their segments a missing cursor just means nothing was delivered) is not trusted: delivery restarts at the oldest entry kept; messages may be sent twice
 *     (subscribers drop repeats by {@code seq}), none is lost;</li>
 * <li>forcing the directory after creating a segment can fail (some file systems refuse): the
 *     failure is logged and counted and the append goes on, since the record itself is forced;
 *     only a power cut before the directory reaches the disk could then lose that file.</li>
 * </ul>
 * What was lost is logged as a warning and counted in {@link #damage()} (since this process opened
 * the outbox); entries of {@link #pending()} never include lost ones.
 *
 * <p><b>The bound.</b> Segment files together never exceed {@code maxBytes}. When an append would
 * pass it, the oldest segment is deleted whole, undelivered entries included: the station keeps
 * its most recent data. Every entry lost that way is counted in {@link #dropped()} (kept in the
 * cursor file across restarts) and logged as a warning with the running total.
 *
 * <p>Thread-safe: one producer appends while one consumer takes {@link #next} and {@link #ack}s.
 */
public final class Outbox implements Closeable {
    /** Segments per bound: the oldest segment is the unit that the bound drops. */
    private static final int SEGMENTS_PER_BOUND = 8;
    /** The smallest bound accepted, so that a segment can hold a few typical messages. */
    public static final long MIN_MAX_BYTES = 64 * 1024;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final DirectorySync directorySync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final RecordCodec reader = new RecordCodec();
    private final CRC32C appendCrc = new CRC32C();
    private final LossCounts losses = new LossCounts();
    private Deque<Segment> segments; // oldest first
    private LostRanges lost; // indexes ahead of the cursor known to be lost
    private long cursor; // index of the next entry to deliver
    private long nextIndex; // index the next appended entry gets
    private long dropped;
    private long totalBytes;
    private long readOffset; // in segments.peekFirst(): where entry `cursor` starts, or where to look for it
    private int headLength = -1; // bytes of the record at readOffset when it is known to be entry `cursor`
    private FileChannel appendChannel; // the last segment, open for appending

    /**
     * What this process found lost or failing since it opened the outbox (not kept across
     * restarts; damage still on disk is found, and counted, again by the next process).
     *
     * @param recordsLost           undelivered messages that can no longer be delivered: damaged
     *                              records, the records of missing segment files, a record cut short
     *                              at the end
     * @param bytesLost             bytes of the damaged stretches stepped over or cut off
     * @param segmentsMissing       gaps in the segment files (one per gap, however many files)
     * @param cursorResets          times the cursor file was missing, damaged or beyond the last
     *                              entry, so that delivery restarted at the oldest entry kept
     * @param directorySyncFailures times forcing the directory after creating a segment failed
     */
    public record Damage(long recordsLost, long bytesLost, long segmentsMissing, long cursorResets,
            long directorySyncFailures) {
    }

    private Outbox(Path dir, long maxBytes, DirectorySync directorySync) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = maxBytes / SEGMENTS_PER_BOUND;
        this.directorySync = directorySync;
    }

    /**
     * Opens (creating when needed) the outbox in {@code dir}, bounded by {@code maxBytes} of
     * segment files, and recovers what a crash or damage left (see the class comment).
     */
    public static Outbox open(Path dir, long maxBytes) throws IOException {
        return open(dir, maxBytes, DirectorySync.FORCE);
    }

    static Outbox open(Path dir, long maxBytes, DirectorySync directorySync) throws IOException {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("outbox bound " + maxBytes + " bytes is below the minimum " + MIN_MAX_BYTES);
        }
        Files.createDirectories(dir);
        Outbox box = new Outbox(dir, maxBytes, directorySync);
        box.recover(true);
        if (!box.segments.isEmpty()) {
            box.appendChannel = FileChannel.open(box.segments.peekLast().file, StandardOpenOption.WRITE);
        }
        return box;
    }

    /**
     * What waits in the outbox in {@code dir}, read without writing, creating or locking anything,
     * so that it can be asked while a station runs on it ({@code nowcast doctor}). Damaged records
     * are not counted.
     *
     * @param pending messages not yet acknowledged by the broker
     * @param dropped messages dropped at the bound so far
     * @param bytes   the bytes of the segment files up to their last good record
     */
    public record Backlog(long pending, long dropped, long bytes) {
        /** The backlog of the outbox in {@code dir}; empty when there is no such directory. */
        public static Backlog of(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return new Backlog(0, 0, 0);
            }
            Outbox box = new Outbox(dir, MIN_MAX_BYTES, DirectorySync.FORCE);
            box.recover(false);
            return new Backlog(box.pendingLocked(), box.dropped, box.totalBytes);
        }
    }

    private void recover(boolean repair) throws IOException {
        Recovery r = Recovery.run(dir, repair, reader, losses);
        segments = r.segments;
        lost = r.lost;
        cursor = r.cursor;
        nextIndex = r.nextIndex;
        dropped = r.dropped;
        totalBytes = r.totalBytes;
        if (r.head != null) {
            readOffset = r.head.offset();
            headLength = r.head.length();
        } else {
            readOffset = segments.isEmpty() ? 0 : segments.peekFirst().bytes;
        }
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
        long recordBytes = RecordCodec.recordBytes(topicBytes.length, payload.length);
        if (recordBytes > segmentBytes || topicBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("message of " + recordBytes + " bytes to " + topic
                    + " is larger than an outbox segment (" + segmentBytes + " bytes = outbox.max_bytes / 8)");
        }
        ByteBuffer record = RecordCodec.newRecord(seq, topicBytes, payload);
        lock.lock();
        try {
            makeRoom(recordBytes);
            Segment last = segments.peekLast();
            if (last == null || last.bytes + recordBytes > segmentBytes) {
                last = startSegment();
            }
            long index = nextIndex;
            RecordCodec.seal(record, index, appendCrc);
            long position = last.bytes;
            while (record.hasRemaining()) {
                position += appendChannel.write(record, position);
            }
            appendChannel.force(false);
            last.bytes += recordBytes;
            last.end = index + 1;
            totalBytes += recordBytes;
            nextIndex++;
            appended.signalAll();
            return index;
        } finally {
            lock.unlock();
        }
    }

    private void makeRoom(long recordBytes) throws IOException {
        while (totalBytes + recordBytes > maxBytes && segments.size() > 1) {
            Segment oldest = segments.removeFirst();
            long lostHere = Math.max(0, oldest.end - cursor) - lost.countIn(cursor, oldest.end);
            lost.forgetBelow(oldest.end);
            cursor = Math.max(cursor, oldest.end);
            moveCursorTo(segments.peekFirst().base);
            readOffset = 0;
            headLength = -1;
            if (lostHere > 0) {
                dropped += lostHere;
                Logger.warn("Outbox full ({} bytes, outbox.max_bytes): dropped the {} oldest undelivered messages; {} dropped in all",
                        maxBytes, lostHere, dropped);
            }
            CursorFile.write(dir, cursor, dropped); // first, so that a cursor below the oldest file means one is missing
            Files.deleteIfExists(oldest.file);
            totalBytes -= oldest.bytes;
        }
    }

    private Segment startSegment() throws IOException {
        Segment s = Segment.create(dir, nextIndex);
        FileChannel channel = FileChannel.open(s.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (appendChannel != null) {
            appendChannel.close();
        }
        appendChannel = channel;
        try {
            directorySync.force(dir);
        } catch (IOException e) {
            losses.directorySyncFailures++;
            Logger.warn("Outbox {}: cannot force the directory after creating {} ({}); appending on, but a power cut "
                    + "could lose that file ({} such failures)", dir, s.file.getFileName(), e.toString(),
                    losses.directorySyncFailures);
        }
        segments.addLast(s);
        if (segments.size() == 1) {
            moveCursorTo(s.base);
            readOffset = 0;
            headLength = -1;
        }
        deleteDeliveredSegments();
        return s;
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
            while (true) {
                OutboxEntry e = readHead();
                if (e != null) {
                    return e;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the oldest undelivered entry and moves the cursor onto it, stepping over damaged
     * records and missing segment files; null when every entry is delivered.
     */
    private OutboxEntry readHead() throws IOException {
        while (cursor < nextIndex) {
            Segment s = segments.peekFirst();
            try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
                reader.start(ch, readOffset, s.bytes, cursor, s.oldLayoutBefore);
                boolean found = reader.next();
                if (reader.skipped() > 0) {
                    lose(cursor, found ? reader.index() : s.end, reader.skipped(), false, s);
                }
                if (found) {
                    cursor = reader.index();
                    readOffset = reader.offset();
                    headLength = reader.length();
                    return reader.entry();
                }
            } catch (NoSuchFileException e) {
                lose(cursor, s.end, 0, true, s);
                if (segments.size() == 1) {
                    replaceVanishedLastSegment(s);
                    continue;
                }
            }
            // Nothing left to deliver in s.
            cursor = Math.max(cursor, s.end);
            readOffset = s.bytes;
            headLength = -1;
            deleteDeliveredSegments();
        }
        return null;
    }

    /** Counts the entries [lo, hi) as lost, unless known already, and forgets them. */
    private void lose(long lo, long hi, long bytes, boolean missingFile, Segment where) {
        long n = Math.max(0, hi - lo) - lost.countIn(lo, hi);
        lost.forgetBelow(hi);
        if (n <= 0 && !missingFile) {
            return; // damage found when the outbox was opened, counted then
        }
        losses.recordsLost += n;
        losses.bytesLost += bytes;
        if (missingFile) {
            losses.segmentsMissing++;
            Logger.warn("Outbox {}: the segment file vanished: {} undelivered message(s) lost ({} lost since start)", where.file,
                    n, losses.recordsLost);
        } else {
            Logger.warn("Outbox {}: stepped over {} damaged bytes before entry {}: {} undelivered message(s) lost ({} lost "
                    + "since start)", where.file, bytes, hi, n, losses.recordsLost);
        }
    }

    private void replaceVanishedLastSegment(Segment s) throws IOException {
        segments.removeLast();
        totalBytes -= s.bytes;
        cursor = Math.max(cursor, s.end);
        startSegment();
    }

    /** Moves the cursor forward to {@code index}, counting the entries passed over as lost. */
    private void moveCursorTo(long index) {
        if (index > cursor) {
            if (!segments.isEmpty()) {
                lose(cursor, index, 0, false, segments.peekFirst());
            }
            cursor = index;
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
            if (index != cursor || cursor >= nextIndex) {
                return;
            }
            if (headLength < 0 && (readHead() == null || index != cursor)) {
                return;
            }
            readOffset += headLength;
            headLength = -1;
            cursor++;
            CursorFile.write(dir, cursor, dropped);
            deleteDeliveredSegments();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes segments every entry of which is delivered, except the one being appended to. */
    private void deleteDeliveredSegments() throws IOException {
        while (segments.size() > 1 && segments.peekFirst().end <= cursor) {
            Segment done = segments.removeFirst();
            Files.deleteIfExists(done.file);
            totalBytes -= done.bytes;
            readOffset = 0;
            headLength = -1;
            moveCursorTo(segments.peekFirst().base);
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
                try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
                    reader.start(ch, 0, s.bytes, s.base, s.oldLayoutBefore);
                    while (reader.next()) {
                        last.put(reader.topic(), reader.seq());
                    }
                } catch (NoSuchFileException e) {
                    // vanished: delivery counts it when it gets there
                }
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** Entries appended and not yet delivered (lost ones not included). */
    public long pending() {
        lock.lock();
        try {
            return pendingLocked();
        } finally {
            lock.unlock();
        }
    }

    private long pendingLocked() {
        return nextIndex - cursor - lost.countIn(cursor, nextIndex);
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

    /** What damage this process found in the outbox since it opened it, and what it lost. */
    public Damage damage() {
        lock.lock();
        try {
            return losses.snapshot();
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
                r.add(new long[] {s.base, s.end});
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
}
