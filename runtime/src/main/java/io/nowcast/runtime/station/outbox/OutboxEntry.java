package io.nowcast.runtime.station.outbox;

import java.util.Objects;

/**
 * One message waiting in the {@link Outbox}: where it goes, its payload and its stream sequence
 * number. {@code index} is the entry's position in the outbox since it was created (0, 1, 2, …);
 * {@code seq} is the number the message carries for its subscribers (the producer's, not the
 * outbox's).
 */
public record OutboxEntry(long index, String topic, long seq, byte[] payload) {
    public OutboxEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
