package io.nowcast.sensors.guard;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.SensorException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A driver that plays a script of outcomes, one per measure(), for fault injection. */
final class ScriptedDriver implements SensorDriver {
    interface Step {
        Sample run() throws SensorException;
    }

    private final Deque<Step> script = new ArrayDeque<>();
    final AtomicInteger measures = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private volatile boolean absent;       // opening fails while true

    /** An opener handing out this driver (counting opens), or failing while {@link #absent}. */
    SensorDriver.Opener opener() {
        return () -> {
            if (absent) {
                throw SensorException.failure("no device at 0x76");
            }
            opens.incrementAndGet();
            return this;
        };
    }

    void setAbsent(boolean absent) {
        this.absent = absent;
    }

    synchronized ScriptedDriver then(Step step) {
        script.add(step);
        return this;
    }

    ScriptedDriver thenValues(double t, double h) {
        return then(() -> new Sample().put(Quantity.TEMPERATURE, t).put(Quantity.HUMIDITY, h));
    }

    ScriptedDriver thenThrow(SensorException e) {
        return then(() -> {
            throw e;
        });
    }

    /** A measure that blocks, ignoring interrupts, until the returned latch is released. */
    CountDownLatch thenHang(double t, double h) {
        CountDownLatch latch = new CountDownLatch(1);
        then(() -> {
            boolean done = false;
            while (!done) {
                try {
                    latch.await();
                    done = true;
                } catch (InterruptedException e) {
                    done = latch.getCount() == 0;   // like a read stuck in the kernel
                }
            }
            return new Sample().put(Quantity.TEMPERATURE, t).put(Quantity.HUMIDITY, h);
        });
        return latch;
    }

    @Override
    public Sample measure() throws SensorException {
        measures.incrementAndGet();
        Step s;
        synchronized (this) {
            s = script.poll();
        }
        if (s == null) {
            throw new IllegalStateException("script exhausted");
        }
        return s.run();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
