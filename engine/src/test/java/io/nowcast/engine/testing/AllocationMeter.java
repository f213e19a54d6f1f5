package io.nowcast.engine.testing;

import java.lang.management.ManagementFactory;

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
}
