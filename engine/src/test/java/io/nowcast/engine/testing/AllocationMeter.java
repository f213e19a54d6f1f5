package io.nowcast.engine.testing;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Bytes allocated by the current thread, from HotSpot's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). Reading the counter
 * itself allocates nothing, so {@code after - before} around a loop is what the loop allocated.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes the current thread has allocated since it started. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes the current thread allocates while {@code body} runs. */
    public static long bytesAllocatedBy(Runnable body) {
        long before = allocatedBytes();
        body.run();
        return allocatedBytes() - before;
    }

    /**
     * Runs {@code batch} until one run allocates nothing, or for at most {@code limit}; returns how many
     * runs that took. Code that C2 has not compiled yet allocates (the Vector API boxes its vectors until
     * then), and how soon C2 gets to it depends on the JDK and on the machine's load, not on a count of calls.
     */
    public static int warmUp(Runnable batch, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        int runs = 1;
        while (bytesAllocatedBy(batch) != 0 && System.nanoTime() < end) {
            runs++;
        }
        return runs;
    }
}
