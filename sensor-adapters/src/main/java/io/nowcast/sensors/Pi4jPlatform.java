package io.nowcast.sensors;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.nowcast.sensors.gpio.Pi4jGpioInputs;
import io.nowcast.sensors.i2c.Pi4jI2cBus;
import org.tinylog.Logger;

/**
 * The device's real hardware through Pi4J 2. The Pi4J context is created on first use only, so
 * a configuration with only simulated or replayed sensors never touches Pi4J. I2C goes through
 * the {@code linuxfs-i2c} provider; GPIO inputs through the context's default digital-input
 * provider (whatever Pi4J plugin is on the class path).
 */
public final class Pi4jPlatform implements AutoCloseable {
    private Context context;

    /** Real I2C, GPIO, sysfs files, sleeping and time. */
    public Hardware hardware() {
        return new Hardware(new Pi4jI2cBus(this::context), new Pi4jGpioInputs(this::context, null),
                SysfsReader.FILES, Sleeper.REAL, System::nanoTime);
    }

    private synchronized Context context() {
        if (context == null) {
            context = Pi4J.newAutoContext();
        }
        return context;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                Logger.warn("Pi4J shutdown failed: {}", e.getMessage());
            }
            context = null;
        }
    }
}
