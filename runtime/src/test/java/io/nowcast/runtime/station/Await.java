package io.nowcast.runtime.station;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a bounded timeout, checking it every 20 ms. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} is true; fails the test after {@code seconds}. */
    public static void until(String what, long seconds, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (!condition.call()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("while waiting for " + what + ": " + e.getMessage(), e);
        }
    }
}
