package io.nowcast.sensors.gpio;

import java.util.function.LongSupplier;

/**
 * Counts switch closures with a software debounce: an edge less than {@code debounce} after the
 * last counted edge is contact bounce and is ignored. Edges arrive on Pi4J's event thread;
 * {@link #take()} comes from the reading thread.
 */
public final class PulseCounter {
    private final long debounceNanos;
    private final LongSupplier nanoTime;
    private boolean counted;     // has any edge been counted yet
    private long lastCounted;    // nanoTime of the last counted edge
    private long pulses;         // since the last take()

    public PulseCounter(long debounceNanos, LongSupplier nanoTime) {
        if (debounceNanos < 0) {
            throw new IllegalArgumentException("debounce must be >= 0, got " + debounceNanos + " ns");
        }
        this.debounceNanos = debounceNanos;
        this.nanoTime = nanoTime;
    }

    /** One active edge (switch closed). */
    public synchronized void edge() {
        long now = nanoTime.getAsLong();
        if (!counted || now - lastCounted >= debounceNanos) {
            pulses++;
            lastCounted = now;
            counted = true;
        }
    }

    /** The pulses counted since the previous call, and starts counting afresh. */
    public synchronized long take() {
        long p = pulses;
        pulses = 0;
        return p;
    }
}
