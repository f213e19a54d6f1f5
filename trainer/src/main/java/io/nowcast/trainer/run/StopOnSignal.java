package io.nowcast.trainer.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a polite request: the first one raises the flag that training
 * checks between mini-batches, and the run then exports, evaluates and reports its best model as
 * usual, in a JVM that is not shutting down (a shutdown hook would have to do all that while the
 * JVM refuses new hooks, which Java2D needs to draw charts). A second signal stops at once.
 * Uses sun.misc.Signal (module jdk.unsupported, kept by the JDK for exactly this use).
 */
public final class StopOnSignal implements BooleanSupplier, AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final AtomicBoolean requested = new AtomicBoolean();
    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];

    public StopOnSignal() {
        for (int i = 0; i < SIGNALS.length; i++) {
            int index = i;
            previous[i] = Signal.handle(new Signal(SIGNALS[i]), signal -> {
                if (requested.getAndSet(true)) {
                    previous[index].handle(signal); // second signal: the default, i.e. exit now
                } else {
                    System.err.println("\nnowcast-train: stopping after this mini-batch and saving the best model so far"
                            + " (Ctrl-C again to quit at once)...");
                }
            });
        }
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            Signal.handle(new Signal(SIGNALS[i]), previous[i]);
        }
    }
}
