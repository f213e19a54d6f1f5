package io.nowcast.sensors.iio;

import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SysfsReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an IIO device folder: by its folder name ({@code iio:device0}) or by the driver name in
 * its {@code name} file ({@code bme280}, {@code dht11}), which survives renumbering after a
 * reboot or a replug.
 */
public final class IioDeviceLocator {
    private final Path iioDir;
    private final String device;   // folder name, or null
    private final String driver;   // driver name, or null
    private final SysfsReader reader;

    private IioDeviceLocator(Path iioDir, String device, String driver, SysfsReader reader) {
        this.iioDir = iioDir;
        this.device = device;
        this.driver = driver;
        this.reader = reader;
    }

    public static IioDeviceLocator byFolder(Path iioDir, String device, SysfsReader reader) {
        return new IioDeviceLocator(iioDir, device, null, reader);
    }

    public static IioDeviceLocator byDriver(Path iioDir, String driver, SysfsReader reader) {
        return new IioDeviceLocator(iioDir, null, driver, reader);
    }

    /** The device's folder now, if it is there. */
    public Optional<Path> find() throws SensorException {
        if (device != null) {
            Path dir = iioDir.resolve(device);
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        if (!Files.isDirectory(iioDir)) {
            return Optional.empty();
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(iioDir, "iio:device*")) {
            ds.forEach(dirs::add);
        } catch (IOException e) {
            throw SensorException.failure("cannot list " + iioDir + ": " + e.getMessage(), e);
        }
        dirs.sort(null);
        for (Path dir : dirs) {
            Path name = dir.resolve("name");
            if (Files.isRegularFile(name)) {
                try {
                    if (reader.read(name).strip().equals(driver)) {
                        return Optional.of(dir);
                    }
                } catch (IOException e) {
                    throw SensorException.transientFailure("reading " + name + " failed: " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** For messages: what is looked for, where. */
    public String describe() {
        return device != null ? iioDir.resolve(device).toString() : "an IIO device named '" + driver + "' in " + iioDir;
    }
}
