package io.nowcast.sensors.iio;

import io.nowcast.history.Quantity;

import java.util.Optional;

/**
 * The processed IIO attributes this project reads and their units, from the kernel's IIO ABI
 * (Documentation/ABI/testing/sysfs-bus-iio): temperature in milli-degrees Celsius, relative
 * humidity in milli-percent, pressure in kilopascal. Checked against the drivers: bmp280-core.c
 * reports {@code comp_temp * 10} (0.01 °C → m°C), humidity {@code comp_humidity * 1000 / 1024}
 * ("IIO units are in 1000 * %") and pressure {@code comp_press / 256000} (Pa Q24.8 → kPa, so the
 * file holds a decimal such as {@code 100.653269531}); dht11.c reports m°C and m%RH.
 */
public enum IioChannel {
    TEMPERATURE("in_temp_input", Quantity.TEMPERATURE, 0.001),           // m°C -> °C
    HUMIDITY("in_humidityrelative_input", Quantity.HUMIDITY, 0.001),     // m%RH -> %RH
    PRESSURE("in_pressure_input", Quantity.PRESSURE, 10.0);              // kPa -> hPa

    private final String file;
    private final Quantity quantity;
    private final double toUnit;

    IioChannel(String file, Quantity quantity, double toUnit) {
        this.file = file;
        this.quantity = quantity;
        this.toUnit = toUnit;
    }

    public String file() {
        return file;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** Converts the file's number to the quantity's unit. */
    public double convert(double kernelValue) {
        return kernelValue * toUnit;
    }

    public static Optional<IioChannel> of(Quantity q) {
        for (IioChannel c : values()) {
            if (c.quantity == q) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
