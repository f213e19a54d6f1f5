package io.nowcast.runtime.station;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.i2c.I2CProvider;

/**
 * Run by {@link DeviceLibIT} in a JVM whose class path is what the device ships: makes Pi4J's
 * context as the sensors do ({@code Pi4J.newAutoContext()}) and prints the I2C and GPIO input
 * providers it finds, one "id class" per line. A missing jar fails here with the class it lacks.
 */
public final class Pi4jProviders {
    private Pi4jProviders() {
    }

    public static void main(String[] args) {
        Context context = Pi4J.newAutoContext();
        try {
            I2CProvider i2c = context.provider("linuxfs-i2c", I2CProvider.class);
            DigitalInputProvider gpio = context.provider("gpiod-digital-input", DigitalInputProvider.class);
            System.out.println(i2c.id() + " " + i2c.getClass().getName());
            System.out.println(gpio.id() + " " + gpio.getClass().getName());
        } finally {
            context.shutdown();
        }
    }
}
