package io.nowcast.sensors;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.sensors.gpio.GpioInputs;
import io.nowcast.sensors.i2c.FakeI2cBus;
import io.nowcast.sensors.i2c.I2cBus;

/** Hardware for tests that need no GPIO: a fake I2C bus, the given sysfs reader, a recording sleeper. */
public final class TestHardware {
    /** GPIO that is not there. */
    public static final GpioInputs NO_GPIO = new GpioInputs() {
        @Override
        public DigitalInput open(String id, int pin, PullResistance pull) throws SensorException {
            throw SensorException.failure("this test has no GPIO");
        }

        @Override
        public void release(DigitalInput input) {
            throw new IllegalStateException("nothing was opened");
        }
    };

    private TestHardware() {
    }

    public static Hardware of(I2cBus i2c, SysfsReader sysfs, ManualClock clock) {
        return new Hardware(i2c, NO_GPIO, sysfs, new RecordingSleeper(), clock::nanoTime);
    }

    public static Hardware of(SysfsReader sysfs, ManualClock clock) {
        return of(new FakeI2cBus(), sysfs, clock);
    }
}
