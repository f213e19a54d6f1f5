package io.nowcast.engine.testing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.stream.LongStream;

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
     * Bytes the current thread allocates in each of {@code rounds} runs of {@code body}. An allocation
     * the code makes shows in every round; one the JVM makes on the thread now and then shows in one
     * (seen: 440 bytes in one round, once in 16 runs with both cores busy, after every round before
     * had allocated nothing), so the fewest bytes over the rounds is what the code allocates.
     */
    public static long[] bytesPerRound(int rounds, Runnable body) {
        long[] bytes = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            bytes[r] = bytesAllocatedBy(body);
        }
        return bytes;
    }

    /** The fewest bytes the current thread allocates in one of {@code rounds} runs of {@code body}. */
    public static long fewestBytes(int rounds, Runnable body) {
        return LongStream.of(bytesPerRound(rounds, body)).min().orElseThrow();
    }

    /**
     * Runs {@code batch} for at least {@code minimum}, then until {@code settled} runs in a row allocate
     * nothing, or for at most {@code limit}; returns how many runs that took. Code that C2 has not
     * compiled yet allocates (the Vector API boxes its vectors until then), and C2's compilations and
     * their deoptimizations come at times that depend on the JDK and on the machine's load, not on a
     * count of calls: a first allocation-free run in the interpreter says nothing yet.
     */
    public static int warmUp(Runnable batch, Duration minimum, int settled, Duration limit) {
        long start = System.nanoTime();
        int runs = 0;
        int clean = 0;
        while (System.nanoTime() - start < limit.toNanos()) {
            runs++;
            clean = bytesAllocatedBy(batch) == 0 ? clean + 1 : 0;
            if (clean >= settled && System.nanoTime() - start >= minimum.toNanos()) {
                break;
            }
        }
        return runs;
    }
}
