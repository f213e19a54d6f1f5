package io.nowcast.sensors;

import io.nowcast.sensors.gpio.GpioInputs;
import io.nowcast.sensors.i2c.I2cBus;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Everything a real sensor touches, in one place so tests can replace each part at its
 * narrowest point.
 *
 * @param i2c      I2C buses
 * @param gpio     GPIO digital inputs
 * @param sysfs    reads sysfs attribute files (1-Wire, IIO)
 * @param sleeper  waits for conversions and between retries
 * @param nanoTime monotonic time for pulse debounce and rates, ns (System::nanoTime)
 */
public record Hardware(I2cBus i2c, GpioInputs gpio, SysfsReader sysfs, Sleeper sleeper, LongSupplier nanoTime) {
    public Hardware {
        Objects.requireNonNull(i2c, "i2c");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(sysfs, "sysfs");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }
}
