package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

/** Opens devices on I2C buses ({@code /dev/i2c-N} on Linux). */
public interface I2cBus {

    /** True when bus {@code bus} exists on this machine. */
    boolean exists(int bus);

    /** How to name bus {@code bus} in messages, e.g. {@code /dev/i2c-1}. */
    default String describe(int bus) {
        return "/dev/i2c-" + bus;
    }

    /**
     * Opens the device at a 7-bit {@code address} on bus {@code bus}. Opening does not talk to the
     * device; the first transfer shows whether it answers.
     */
    I2cDevice open(int bus, int address) throws SensorException;
}
