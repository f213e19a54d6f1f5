package io.nowcast.sensors.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.sensors.SensorException;

/** Opens and releases GPIO digital inputs (Pi4J on the device, Pi4J's mock provider in tests). */
public interface GpioInputs {

    /** Opens BCM pin {@code pin} as an input with the given pull resistor. */
    DigitalInput open(String id, int pin, PullResistance pull) throws SensorException;

    /** Releases an input opened here; never throws. */
    void release(DigitalInput input);
}
