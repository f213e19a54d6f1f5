package io.nowcast.trainer.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a polite request: a shutdown hook raises the flag that training
 * checks between mini-batches, then holds the JVM open until the run has saved its best model
 * (at most {@link #GRACE_SECONDS}).
 */
public final class StopOnSignal implements BooleanSupplier, AutoCloseable {
    static final long GRACE_SECONDS = 120;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    public StopOnSignal() {
        hook = new Thread(() -> {
            requested.set(true);
            System.err.println("\nnowcast-train: stopping after this mini-batch; saving the best model so far...");
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nowcast-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    /** Marks the run as saved; the JVM may now exit. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM began shutting down between the check and the removal: the hook runs, and
                // finds the latch already released.
                requested.set(true);
            }
        }
    }
}
