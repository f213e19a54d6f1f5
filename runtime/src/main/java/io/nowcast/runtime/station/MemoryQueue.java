package io.nowcast.runtime.station;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages that the outbox could not take (a full disk, a read-only file system, an I/O error),
 * kept in memory, oldest first, behind what the outbox holds: they are published directly when the
 * outbox has nothing left to deliver, and moved into the outbox, in order, once it takes messages
 * again. At most {@value #MAX_BYTES} bytes of payloads wait (about five days of 10-minute
 * observations and forecasts); beyond that the oldest are dropped and counted, as the outbox drops
 * at its bound. What waits here is lost if the process ends.
 *
 * <p>A message may be published only once its seq is recorded in the seq file
 * ({@link #recorded}), so that a station restarted after a crash never gives that seq to another
 * message.
 *
 * <p>Thread-safe: the station adds and moves on its thread, the uplink publishes on its own.
 */
final class MemoryQueue {
    static final long MAX_BYTES = 1L << 20;

    /** One message, as it would have entered the outbox. */
    record Message(String topic, long seq, byte[] payload) {
    }

    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final Map<String, Long> recordedBelow = new HashMap<>(); // topic -> seqs below it are in the seq file
    private final long maxBytes;
    private long bytes;
    private long dropped;
    private long published;

    MemoryQueue() {
        this(MAX_BYTES);
    }

    MemoryQueue(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds a message behind the others, dropping the oldest beyond the bound. */
    synchronized void add(Message m) {
        messages.addLast(m);
        bytes += m.payload().length;
        while (bytes > maxBytes && messages.size() > 1) {
            Message old = messages.removeFirst();
            bytes -= old.payload().length;
            dropped++;
        }
    }

    /** Seqs of {@code topic} below {@code below} are recorded in the seq file. */
    synchronized void recorded(String topic, long below) {
        recordedBelow.merge(topic, below, Math::max);
    }

    /** The oldest message when it may be published (its seq is recorded), else null. */
    synchronized Message publishable() {
        Message m = messages.peekFirst();
        return m != null && m.seq() < recordedBelow.getOrDefault(m.topic(), 0L) ? m : null;
    }

    /** The oldest message, or null. */
    synchronized Message oldest() {
        return messages.peekFirst();
    }

    /**
     * Removes {@code m} when it is still the oldest (it was published, or moved into the outbox).
     *
     * @param published true when the broker took it
     */
    synchronized void remove(Message m, boolean published) {
        if (messages.peekFirst() == m) {
            messages.removeFirst();
            bytes -= m.payload().length;
            if (published) {
                this.published++;
            }
        }
    }

    /** A copy of what waits, oldest first. */
    synchronized java.util.List<Message> messages() {
        return java.util.List.copyOf(messages);
    }

    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Messages dropped at the bound since start. */
    synchronized long dropped() {
        return dropped;
    }

    /** Messages published from here since start. */
    synchronized long published() {
        return published;
    }
}
