package io.nowcast.sensors.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.guard.Sample;
import io.nowcast.sensors.guard.SensorDriver;

import java.util.function.LongSupplier;

/**
 * A reed-switch pulse sensor on one GPIO pin, as the common Pi weather kits wire them (switch
 * between the pin and ground, pull-up on: a closure pulls the pin LOW).
 * <ul>
 *   <li>Tipping-bucket rain gauge: each tip is {@code perPulse} mm; a reading reports the rain
 *       since the previous reading.</li>
 *   <li>Cup anemometer: {@code perPulse} km/h per closure per second; a reading reports the mean
 *       speed since the previous reading.</li>
 * </ul>
 */
public final class PulseDriver implements SensorDriver {
    private final GpioInputs gpio;
    private final DigitalInput input;
    private final DigitalStateChangeListener listener;
    private final PulseCounter counter;
    private final Quantity quantity;
    private final double perPulse;
    private final LongSupplier nanoTime;
    private long since;   // nanoTime of the previous reading (or of opening)

    private PulseDriver(GpioInputs gpio, DigitalInput input, DigitalStateChangeListener listener, PulseCounter counter,
                        Quantity quantity, double perPulse, LongSupplier nanoTime) {
        this.gpio = gpio;
        this.input = input;
        this.listener = listener;
        this.counter = counter;
        this.quantity = quantity;
        this.perPulse = perPulse;
        this.nanoTime = nanoTime;
        this.since = nanoTime.getAsLong();
    }

    /**
     * Opens the pin and starts counting.
     *
     * @param quantity  {@link Quantity#RAIN} (perPulse in mm per tip) or {@link Quantity#WIND_SPEED}
     *                  (perPulse in km/h per Hz)
     * @param debounce  edges closer than this to the last counted one are ignored, ns
     */
    public static PulseDriver open(GpioInputs gpio, String id, int pin, PullResistance pull, Quantity quantity,
                                   double perPulse, long debounceNanos, LongSupplier nanoTime) throws SensorException {
        if (quantity != Quantity.RAIN && quantity != Quantity.WIND_SPEED) {
            throw new IllegalArgumentException("a pulse sensor measures rain or wind_speed, not " + quantity);
        }
        PulseCounter counter = new PulseCounter(debounceNanos, nanoTime);
        // closing the switch drives the pin to the level the pull resistor does not hold it at
        DigitalState active = pull == PullResistance.PULL_DOWN ? DigitalState.HIGH : DigitalState.LOW;
        DigitalStateChangeListener listener = event -> {
            if (event.state() == active) {
                counter.edge();
            }
        };
        DigitalInput input = gpio.open(id, pin, pull);
        input.addListener(listener);
        return new PulseDriver(gpio, input, listener, counter, quantity, perPulse, nanoTime);
    }

    @Override
    public Sample measure() {
        long now = nanoTime.getAsLong();
        long pulses = counter.take();
        double seconds = (now - since) / 1e9;
        since = now;
        if (quantity == Quantity.RAIN) {
            return new Sample().put(quantity, pulses * perPulse);
        }
        if (seconds <= 0) {
            return new Sample().refuse(quantity, "no time has passed since the previous reading");
        }
        return new Sample().put(quantity, pulses / seconds * perPulse);
    }

    @Override
    public void close() {
        input.removeListener(listener);
        gpio.release(input);
    }
}
