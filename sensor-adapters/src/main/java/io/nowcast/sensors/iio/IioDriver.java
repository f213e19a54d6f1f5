package io.nowcast.sensors.iio;

import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SysfsReader;
import io.nowcast.sensors.guard.Sample;
import io.nowcast.sensors.guard.SensorDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Linux IIO device read through its processed {@code in_*_input} files, converted to this
 * project's units ({@link IioChannel}). Each file read makes the kernel driver talk to the chip,
 * so it can fail with the driver's transient errors (the dht11 driver answers EIO, ETIMEDOUT or
 * EAGAIN when it misses the sensor's reply; bmp280 answers EIO for a skipped conversion): those
 * are transient and retried by the guard. A file that vanished means the device is gone.
 */
public final class IioDriver implements SensorDriver {
    private final Path dir;
    private final List<IioChannel> channels;
    private final SysfsReader reader;

    private IioDriver(Path dir, List<IioChannel> channels, SysfsReader reader) {
        this.dir = dir;
        this.channels = List.copyOf(channels);
        this.reader = reader;
    }

    /** Finds the device now (its number may have changed since the last open). */
    public static IioDriver open(IioDeviceLocator locator, List<IioChannel> channels, SysfsReader reader)
            throws SensorException {
        Path dir = locator.find().orElseThrow(() -> SensorException.failure("no " + locator.describe()
                + " (is the driver loaded, e.g. dtoverlay=i2c-sensor,bme280 or dtoverlay=dht11?)"));
        return new IioDriver(dir, channels, reader);
    }

    @Override
    public Sample measure() throws SensorException {
        Sample sample = new Sample();
        for (IioChannel c : channels) {
            Path file = dir.resolve(c.file());
            String text;
            try {
                text = reader.read(file);
            } catch (NoSuchFileException e) {
                if (Files.isDirectory(dir)) {
                    sample.refuse(c.quantity(), "the device has no " + c.file());
                    continue;
                }
                throw SensorException.failure(dir + " is gone: the device was removed", e);
            } catch (IOException e) {
                throw SensorException.transientFailure("reading " + file + " failed: " + e.getMessage(), e);
            }
            try {
                sample.put(c.quantity(), c.convert(Double.parseDouble(text.strip())));
            } catch (NumberFormatException e) {
                sample.refuse(c.quantity(), c.file() + " holds '" + text.strip() + "', not a number");
            }
        }
        return sample;
    }

    @Override
    public void close() {
        // a sysfs file is opened per read; nothing stays open
    }
}
