package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the addresses that answer on one I2C bus, for setting up a station. Each address from
 * 0x03 to 0x77 is opened and asked for one byte; an address whose read fails is taken as empty.
 * (A read is what {@code i2cdetect -r} does; it is safe for the weather sensors this project
 * supports.)
 */
public final class I2cScanner {
    public static final int FIRST = 0x03;
    public static final int LAST = 0x77;

    private final I2cBus bus;

    public I2cScanner(I2cBus bus) {
        this.bus = bus;
    }

    /**
     * The answering addresses on {@code busNumber}, ascending.
     *
     * @throws SensorException when the bus itself cannot be opened (e.g. no /dev/i2c-N)
     */
    public List<Integer> scan(int busNumber) throws SensorException {
        if (!bus.exists(busNumber)) {
            throw SensorException.failure("no I2C bus " + bus.describe(busNumber)
                    + " (enable I2C, e.g. raspi-config > Interface Options > I2C, or pick another --bus)");
        }
        List<Integer> found = new ArrayList<>();
        byte[] one = new byte[1];
        for (int address = FIRST; address <= LAST; address++) {
            try (I2cDevice device = bus.open(busNumber, address)) {
                device.read(one, 1);
                found.add(address);
            } catch (SensorException e) {
                // no answer: nothing at this address, which is what a scan finds out
                continue;
            }
        }
        return found;
    }

    /** What usually sits at an address, for the scan listing. */
    public static String likelyDevice(int address) {
        return switch (address) {
            case 0x76, 0x77 -> "BME280 / BMP280";
            case 0x44 -> "SHT3x / SHT4x";
            case 0x45 -> "SHT3x (ADDR high) / SHT4x-B";
            case 0x46 -> "SHT4x-C";
            case 0x40 -> "HTU21D / Si7021 / INA219 (not supported)";
            case 0x5c -> "AM2320 (not supported)";
            default -> "";
        };
    }
}
