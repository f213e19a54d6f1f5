package io.nowcast.runtime.station.outbox;

import java.util.Arrays;

/**
 * Index ranges known to be lost (damaged records, missing segment files) that the cursor has not
 * passed yet, oldest first: so that {@link Outbox#pending()} does not count them and a lost entry
 * met again while delivering is not counted twice. Filled when the outbox opens; afterwards only
 * shrinks, so delivering allocates nothing here.
 */
final class LostRanges {
    private long[] bounds = new long[0]; // lo0, hi0, lo1, hi1, …: [lo, hi) each, ascending, disjoint
    private int first; // bounds[first] is the lo of the oldest range kept
    private int end;

    /** Adds [lo, hi), which must come after every range added before. */
    void add(long lo, long hi) {
        if (lo >= hi) {
            return;
        }
        if (end == bounds.length) {
            bounds = Arrays.copyOf(bounds, Math.max(8, bounds.length * 2));
        }
        bounds[end++] = lo;
        bounds[end++] = hi;
    }

    /** How many indexes of [lo, hi) are known lost. */
    long countIn(long lo, long hi) {
        long n = 0;
        for (int i = first; i < end && bounds[i] < hi; i += 2) {
            n += Math.max(0, Math.min(hi, bounds[i + 1]) - Math.max(lo, bounds[i]));
        }
        return n;
    }

    /** Forgets every index below {@code index}. */
    void forgetBelow(long index) {
        while (first < end && bounds[first + 1] <= index) {
            first += 2;
        }
        if (first < end && bounds[first] < index) {
            bounds[first] = index;
        }
    }
}
