package io.nowcast.sensors.w1;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SysfsReader;
import io.nowcast.sensors.guard.Sample;
import io.nowcast.sensors.guard.SensorDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DS18B20 through the Linux w1-therm driver: each read of
 * {@code /sys/bus/w1/devices/28-xxxxxxxxxxxx/w1_slave} runs a conversion and answers two lines,
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 * the nine scratchpad bytes, the kernel's CRC verdict, and the temperature in milli-°C.
 * Refused: a CRC verdict of NO, an all-zero scratchpad (its CRC is 0, so the kernel says YES; it
 * is what a data line held low reads), and the power-on reset value 85 °C (scratchpad 0x0550,
 * DS18B20 datasheet, "Operation — measuring temperature": the register holds +85 °C until the
 * first conversion, so reading it means the sensor lost power mid-conversion).
 */
public final class Ds18b20Driver implements SensorDriver {
    private static final Pattern CRC_LINE = Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=([0-9a-f]{2}) (YES|NO)");
    private static final Pattern TEMP_LINE = Pattern.compile("t=(-?\\d{1,7})");
    private static final String POWER_ON_RESET_BYTES = "50 05 ";

    private final Path w1Slave;
    private final SysfsReader reader;

    private Ds18b20Driver(Path w1Slave, SysfsReader reader) {
        this.w1Slave = w1Slave;
        this.reader = reader;
    }

    /** Checks that the kernel lists the device. */
    public static Ds18b20Driver open(Path w1Dir, String device, SysfsReader reader) throws SensorException {
        Path dir = w1Dir.resolve(device);
        if (!Files.isDirectory(dir)) {
            throw SensorException.failure("no 1-Wire device " + dir
                    + " (check the wiring, the 4.7 kΩ pull-up and dtoverlay=w1-gpio)");
        }
        return new Ds18b20Driver(dir.resolve("w1_slave"), reader);
    }

    @Override
    public Sample measure() throws SensorException {
        String text;
        try {
            text = reader.read(w1Slave);
        } catch (NoSuchFileException e) {
            throw SensorException.failure(w1Slave + " is gone: the sensor left the bus", e);
        } catch (IOException e) {
            throw SensorException.transientFailure("reading " + w1Slave + " failed: " + e.getMessage(), e);
        }
        return parse(text);
    }

    /** Turns the two lines of w1_slave into a sample. */
    static Sample parse(String text) throws SensorException {
        String[] lines = text.strip().split("\n");
        Matcher crc = lines.length == 2 ? CRC_LINE.matcher(lines[0].strip()) : null;
        Matcher temp = lines.length == 2 ? TEMP_LINE.matcher(lines[1]) : null;
        if (crc == null || !crc.matches() || !temp.find()) {
            throw SensorException.transientFailure("w1_slave is not two lines 'bytes : crc=xx YES|NO' and 't=N': '"
                    + text.strip().replace('\n', '|') + "'", null);
        }
        Sample sample = new Sample();
        String scratchpad = crc.group(1);
        if (crc.group(3).equals("NO")) {
            return sample.refuse(Quantity.TEMPERATURE, "the kernel's CRC check failed (scratchpad " + scratchpad.strip()
                    + ", crc=" + crc.group(2) + " NO)");
        }
        if (scratchpad.strip().equals("00 00 00 00 00 00 00 00 00")) {
            return sample.refuse(Quantity.TEMPERATURE, "all-zero scratchpad: data line held low or sensor unpowered");
        }
        if (scratchpad.startsWith(POWER_ON_RESET_BYTES)) {
            return sample.refuse(Quantity.TEMPERATURE, "85 °C power-on reset value: the sensor lost power before converting");
        }
        return sample.put(Quantity.TEMPERATURE, Integer.parseInt(temp.group(1)) / 1000.0);
    }

    @Override
    public void close() {
        // a sysfs file is opened per read; nothing stays open
    }
}
