package io.nowcast.runtime.station.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of the records in an outbox segment: writes one, and reads a segment back record
 * by record, checking each and stepping over damage to the next good record.
 *
 * <p>Two layouts, little-endian, told apart by the top bit of the first word:
 * <pre>
 *   written now: u32 0x8000_0000 | bodyLength | u32 CRC-32C(index, body) | u64 index | body
 *   read only:   u32 bodyLength (top bit 0)   | u32 CRC-32C(body)        | body
 *   body:        u64 seq | u16 topicLength | topic (UTF-8) | payload
 * </pre>
 * The second is the layout of earlier versions; its records carry no index, so an entry's index is
 * its position (the segment's first index plus the records before it). Writing the index into
 * every record is what lets a reader step over damage without losing count: after a damaged
 * stretch, the next good record says which entry it is, so exactly the entries in between are
 * known to be lost and the cursor (an index) still means the same record. The index and the CRC
 * together are the sync marker; no magic number is added, since a wrong offset fails them anyway.
 * For old records after a damaged stretch the index is a guess, one record lost; had the stretch
 * held more, the entries after it are numbered too low and as many of them may pass for delivered.
 * Only segments written before the upgrade are read that way, and they are gone once delivered.
 *
 * <p><b>Resynchronising.</b> A record is good when its length fits before the end of the file, its
 * CRC checks, its topic fits its body, and (new layout) its index is the one expected, or, after
 * skipping {@code n} damaged bytes, at most {@code n} more (each lost record had at least one byte).
 * When the record at a position is not good, the reader tries the next byte, and so on. Old-layout
 * records are only accepted before the first new-layout record of a segment (an upgraded station
 * never writes old records after new ones), so that in new segments random bytes cannot pass as one
 * by their CRC alone.
 *
 * <p>One instance reads one segment at a time through a 16 KiB window and allocates nothing but
 * what {@link #entry()} returns. Not thread-safe: the outbox uses it under its lock.
 */
final class RecordCodec {
    static final int HEADER = 16; // u32 flag | length, u32 crc, u64 index
    private static final int OLD_HEADER = 8; // u32 length, u32 crc
    static final int BODY_FIXED = 10; // u64 seq + u16 topic length
    private static final int NEW_LAYOUT = 0x8000_0000;
    private static final int MIN_RECORD = OLD_HEADER + BODY_FIXED;
    private static final int WINDOW = 16 * 1024;

    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private FileChannel channel;
    private long windowStart;
    private int windowLength;
    private long limit;
    private long position; // where the search for the next record starts
    private long expected; // the index the next record should have
    private long oldLayoutBefore; // offset of the first new-layout record seen (old ones only before it)

    // The record found by the last successful next().
    private long offset;
    private int headerLength;
    private int bodyLength;
    private long index;
    private long skipped;

    /** A new-layout record for {@code seq}, {@code topic} and {@code payload}, to be {@link #seal}ed. */
    static ByteBuffer newRecord(long seq, byte[] topic, byte[] payload) {
        int bodyLength = BODY_FIXED + topic.length + payload.length;
        ByteBuffer record = ByteBuffer.allocate(HEADER + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(NEW_LAYOUT | bodyLength).putInt(0).putLong(0);
        record.putLong(seq).putShort((short) topic.length).put(topic).put(payload);
        return record;
    }

    /** Writes {@code index} and the CRC into a record from {@link #newRecord}, ready to be written whole. */
    static void seal(ByteBuffer record, long index, CRC32C crc) {
        record.putLong(8, index);
        crc.reset();
        crc.update(record.array(), 8, record.capacity() - 8);
        record.putInt(4, (int) crc.getValue());
        record.clear();
    }

    /** The smallest record written for a topic of {@code topicBytes} and a payload of {@code payloadBytes}. */
    static long recordBytes(int topicBytes, int payloadBytes) {
        return (long) HEADER + BODY_FIXED + topicBytes + payloadBytes;
    }

    /**
     * Reads {@code ch} from byte {@code from} up to {@code limit}, where a record with index
     * {@code expectedIndex} should start; old-layout records are accepted only before byte
     * {@code oldLayoutBefore}.
     */
    void start(FileChannel ch, long from, long limit, long expectedIndex, long oldLayoutBefore) {
        this.channel = ch;
        this.limit = limit;
        this.position = from;
        this.expected = expectedIndex;
        this.oldLayoutBefore = oldLayoutBefore;
        this.windowLength = 0;
        this.skipped = 0;
    }

    /**
     * Moves to the next good record: true when there is one (its fields are then readable), false
     * at the limit. Either way {@link #skipped()} tells how many damaged bytes were stepped over.
     */
    boolean next() throws IOException {
        long from = position;
        for (long at = from; at + MIN_RECORD <= limit; at++) {
            if (goodRecordAt(at, at - from)) {
                offset = at;
                skipped = at - from;
                position = at + length();
                expected = index + 1;
                return true;
            }
        }
        skipped = Math.max(0, limit - from);
        position = Math.max(from, limit);
        return false;
    }

    private boolean goodRecordAt(long at, long skippedSoFar) throws IOException {
        if (!ensure(at, OLD_HEADER)) {
            return false;
        }
        int word = window.getInt((int) (at - windowStart));
        int storedCrc = window.getInt((int) (at - windowStart) + 4);
        boolean newLayout = word < 0;
        int header = newLayout ? HEADER : OLD_HEADER;
        int length = word & ~NEW_LAYOUT;
        if (length < BODY_FIXED || length > limit - at - header || (!newLayout && at >= oldLayoutBefore)) {
            return false;
        }
        long recordIndex = expected + (skippedSoFar > 0 ? 1 : 0);
        if (newLayout) {
            if (!ensure(at, HEADER)) {
                return false;
            }
            recordIndex = window.getLong((int) (at - windowStart) + 8);
            if (recordIndex < expected || recordIndex - expected > skippedSoFar) {
                return false;
            }
        }
        long checked = newLayout ? 8L + length : length; // the index is checked with the body
        if (crcOf(at + 8, checked) != (storedCrc & 0xFFFF_FFFFL) || !ensure(at + header, BODY_FIXED)) {
            return false;
        }
        int topicLength = window.getShort((int) (at + header - windowStart) + 8) & 0xFFFF;
        if (topicLength > length - BODY_FIXED) {
            return false;
        }
        if (newLayout) {
            oldLayoutBefore = Math.min(oldLayoutBefore, at);
        }
        headerLength = header;
        bodyLength = length;
        index = recordIndex;
        return true;
    }

    /** The CRC-32C of {@code length} bytes from {@code from}, or -1 when the file ends before them. */
    private long crcOf(long from, long length) throws IOException {
        crc.reset();
        long p = from;
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(left, WINDOW);
            if (!ensure(p, n)) {
                return -1;
            }
            crc.update(window.array(), (int) (p - windowStart), n);
            p += n;
            left -= n;
        }
        return crc.getValue();
    }

    /** Makes bytes [pos, pos + n) readable in the window (n at most its size); false when the file ends first. */
    private boolean ensure(long pos, int n) throws IOException {
        if (pos >= windowStart && pos + n <= windowStart + windowLength) {
            return true;
        }
        if (pos + n > limit) {
            return false;
        }
        window.clear();
        window.limit((int) Math.min(WINDOW, limit - pos));
        long p = pos;
        while (window.hasRemaining()) {
            int read = channel.read(window, p);
            if (read < 0) {
                limit = p; // the file is shorter than it should be: what is missing is damage
                break;
            }
            p += read;
        }
        windowStart = pos;
        windowLength = window.position();
        return pos + n <= windowStart + windowLength;
    }

    /** Byte offset of the record found. */
    long offset() {
        return offset;
    }

    /** Bytes of the record found, header included. */
    int length() {
        return headerLength + bodyLength;
    }

    /** Index of the record found. */
    long index() {
        return index;
    }

    /** Damaged bytes stepped over by the last {@link #next}: before the record found, or up to the limit. */
    long skipped() {
        return skipped;
    }

    /** Offset of the first new-layout record seen in this segment, or what {@link #start} was given. */
    long oldLayoutBefore() {
        return oldLayoutBefore;
    }

    /** The seq of the record found. */
    long seq() throws IOException {
        long body = offset + headerLength;
        require(body, BODY_FIXED);
        return window.getLong((int) (body - windowStart));
    }

    /** The topic of the record found. */
    String topic() throws IOException {
        long start = offset + headerLength + BODY_FIXED;
        int length = topicLength();
        if (length <= WINDOW && ensure(start, length)) {
            return new String(window.array(), (int) (start - windowStart), length, StandardCharsets.UTF_8);
        }
        byte[] topic = new byte[length];
        copy(start, topic);
        return new String(topic, StandardCharsets.UTF_8);
    }

    /** The record found, as an entry. */
    OutboxEntry entry() throws IOException {
        long seq = seq();
        String topic = topic();
        long payloadStart = offset + headerLength + BODY_FIXED + topicLength();
        byte[] payload = new byte[(int) (offset + length() - payloadStart)];
        copy(payloadStart, payload);
        return new OutboxEntry(index, topic, seq, payload);
    }

    private int topicLength() throws IOException {
        long body = offset + headerLength;
        require(body, BODY_FIXED);
        return window.getShort((int) (body - windowStart) + 8) & 0xFFFF;
    }

    private void require(long pos, int n) throws IOException {
        if (!ensure(pos, n)) {
            throw new IOException("outbox segment ended inside a record at byte " + pos);
        }
    }

    private void copy(long from, byte[] to) throws IOException {
        int done = 0;
        while (done < to.length) {
            int n = Math.min(to.length - done, WINDOW);
            require(from + done, n);
            System.arraycopy(window.array(), (int) (from + done - windowStart), to, done, n);
            done += n;
        }
    }
}
