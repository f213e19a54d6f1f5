package io.nowcast.sensors.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.sensors.SensorException;
import org.tinylog.Logger;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** GPIO inputs from a Pi4J context: its default digital-input provider, or a named one. */
public final class Pi4jGpioInputs implements GpioInputs {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final Supplier<Context> context;
    private final String provider;   // null: the context's default

    /**
     * @param context  the Pi4J context, created on first use
     * @param provider a provider id such as {@code mock-digital-input}, or null for the default
     */
    public Pi4jGpioInputs(Supplier<Context> context, String provider) {
        this.context = context;
        this.provider = provider;
    }

    @Override
    public DigitalInput open(String id, int pin, PullResistance pull) throws SensorException {
        Context ctx = context.get();
        try {
            var builder = DigitalInput.newConfigBuilder(ctx)
                    .id("nowcast-" + id + "-" + NEXT_ID.incrementAndGet())
                    .address(pin)
                    .pull(pull);
            if (provider != null) {
                builder.provider(provider);
            }
            return ctx.create(builder.build());
        } catch (RuntimeException e) {
            throw SensorException.failure("cannot open GPIO " + pin + " as an input: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(DigitalInput input) {
        try {
            context.get().shutdown(input.id());
        } catch (RuntimeException e) {
            Logger.debug("releasing GPIO input {} failed: {}", input.id(), e.getMessage());
        }
    }
}
