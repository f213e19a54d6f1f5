package io.nowcast.runtime.station.outbox;

/** The running counts behind {@link Outbox.Damage}, kept under the outbox's lock. */
final class LossCounts {
    long recordsLost;
    long bytesLost;
    long segmentsMissing;
    long cursorResets;
    long directorySyncFailures;

    Outbox.Damage snapshot() {
        return new Outbox.Damage(recordsLost, bytesLost, segmentsMissing, cursorResets, directorySyncFailures);
    }
}
