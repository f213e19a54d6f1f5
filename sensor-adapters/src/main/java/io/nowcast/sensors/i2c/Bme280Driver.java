package io.nowcast.sensors.i2c;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.Sleeper;
import io.nowcast.sensors.guard.Sample;
import io.nowcast.sensors.guard.SensorDriver;

import java.time.Duration;
import java.util.Set;

/**
 * BME280 (temperature, humidity, pressure) and BMP280 (temperature, pressure) on I2C, in forced
 * mode: each measurement is one conversion started on demand, then one burst read of the data
 * registers. Register map and sequence from Bosch BST-BME280-DS002 rev. 1.6: chip id (section
 * 5.4.1), soft reset (5.4.2), ctrl_hum/status/ctrl_meas/config (5.4.3–5.4.6), data registers
 * 0xF7..0xFE (5.4.7–5.4.9), measurement time (9.1); compensation in {@link Bme280Calibration}.
 */
public final class Bme280Driver implements SensorDriver {
    static final int REG_ID = 0xD0;
    static final int REG_RESET = 0xE0;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_STATUS = 0xF3;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_CONFIG = 0xF5;
    static final int REG_DATA = 0xF7;
    static final int RESET_WORD = 0xB6;
    static final int STATUS_MEASURING = 0x08;   // status[3]: conversion running
    static final int STATUS_IM_UPDATE = 0x01;   // status[0]: NVM being copied to image registers
    static final int MODE_FORCED = 0b01;
    private static final int ADC_20BIT_SKIPPED = 0x80000;   // data register reset value: no conversion
    private static final int ADC_16BIT_SKIPPED = 0x8000;
    private static final Duration STARTUP = Duration.ofMillis(2);   // t_startup, Table 1
    private static final Duration POLL = Duration.ofMillis(1);
    private static final int MAX_POLLS = 20;

    /** Which chip; BMP280 engineering samples answer 0x56 or 0x57, production parts 0x58. */
    public enum Model {
        BME280(Set.of(0x60), true),
        BMP280(Set.of(0x56, 0x57, 0x58), false);

        private final Set<Integer> chipIds;
        private final boolean humidity;

        Model(Set<Integer> chipIds, boolean humidity) {
            this.chipIds = chipIds;
            this.humidity = humidity;
        }

        static String nameOfChipId(int id) {
            for (Model m : values()) {
                if (m.chipIds.contains(id)) {
                    return m.name();
                }
            }
            return "no BME280/BMP280";
        }
    }

    /**
     * Oversampling ratios (1, 2, 4, 8, 16) and IIR filter coefficient (0 = off, 2, 4, 8, 16).
     *
     * @param temperature oversampling of temperature
     * @param pressure    oversampling of pressure
     * @param humidity    oversampling of humidity (ignored on a BMP280)
     * @param filter      IIR filter coefficient
     */
    public record Settings(int temperature, int pressure, int humidity, int filter) {
        public Settings {
            osrsCode(temperature);
            osrsCode(pressure);
            osrsCode(humidity);
            filterCode(filter);
        }

        /** x1 everywhere, filter off: the datasheet's "weather monitoring" setting (section 3.5.1). */
        public static Settings weather() {
            return new Settings(1, 1, 1, 0);
        }

        /** osrs_x field: x1 = 001 ... x16 = 101 (Tables 20, 23, 24). */
        static int osrsCode(int ratio) {
            return switch (ratio) {
                case 1 -> 1;
                case 2 -> 2;
                case 4 -> 3;
                case 8 -> 4;
                case 16 -> 5;
                default -> throw new IllegalArgumentException("oversampling must be 1, 2, 4, 8 or 16, got " + ratio);
            };
        }

        /** filter field of config: off = 000, 2 = 001 ... 16 = 100 (Table 28). */
        static int filterCode(int coefficient) {
            return switch (coefficient) {
                case 0 -> 0;
                case 2 -> 1;
                case 4 -> 2;
                case 8 -> 3;
                case 16 -> 4;
                default -> throw new IllegalArgumentException("filter must be 0, 2, 4, 8 or 16, got " + coefficient);
            };
        }
    }

    private final I2cDevice device;
    private final Model model;
    private final Bme280Calibration calibration;
    private final int ctrlMeas;            // osrs_t[7:5] osrs_p[4:2] mode[1:0] = forced
    private final Duration conversion;     // t_measure,max
    private final Sleeper sleeper;
    private final byte[] data;             // press[3] temp[3] (hum[2]), reused

    private Bme280Driver(I2cDevice device, Model model, Bme280Calibration calibration, Settings settings, Sleeper sleeper) {
        this.device = device;
        this.model = model;
        this.calibration = calibration;
        this.ctrlMeas = Settings.osrsCode(settings.temperature()) << 5 | Settings.osrsCode(settings.pressure()) << 2 | MODE_FORCED;
        this.conversion = maxMeasurementTime(settings, model.humidity);
        this.sleeper = sleeper;
        this.data = new byte[model.humidity ? 8 : 6];
    }

    /**
     * Checks the chip id, soft-resets, reads the calibration once and writes the configuration.
     * Closes {@code device} when it fails.
     */
    public static Bme280Driver open(I2cDevice device, Model model, Settings settings, Sleeper sleeper)
            throws SensorException, InterruptedException {
        try {
            int id = device.readRegister(REG_ID);
            if (!model.chipIds.contains(id)) {
                throw SensorException.failure(String.format("chip id 0x%02x is %s, not a %s", id, Model.nameOfChipId(id), model));
            }
            device.writeRegister(REG_RESET, RESET_WORD);
            sleeper.sleep(STARTUP);
            waitWhile(device, STATUS_IM_UPDATE, sleeper, "copying calibration after reset");
            byte[] tp = new byte[Bme280Calibration.TP_LENGTH];
            device.readRegisters(Bme280Calibration.TP_FIRST, tp, tp.length);
            byte[] h = null;
            if (model.humidity) {
                h = new byte[Bme280Calibration.H_LENGTH];
                device.readRegisters(Bme280Calibration.H_FIRST, h, h.length);
                device.writeRegister(REG_CTRL_HUM, Settings.osrsCode(settings.humidity()));
            }
            device.writeRegister(REG_CONFIG, Settings.filterCode(settings.filter()) << 2);
            return new Bme280Driver(device, model, Bme280Calibration.fromRegisters(tp, h), settings, sleeper);
        } catch (SensorException | InterruptedException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** t_measure,max in µs = 1250 + 2300·osrs_t + (2300·osrs_p + 575) + (2300·osrs_h + 575) (section 9.1). */
    static Duration maxMeasurementTime(Settings s, boolean humidity) {
        long micros = 1250 + 2300L * s.temperature() + 2300L * s.pressure() + 575
                + (humidity ? 2300L * s.humidity() + 575 : 0);
        return Duration.ofNanos(micros * 1000);
    }

    @Override
    public Sample measure() throws SensorException, InterruptedException {
        device.writeRegister(REG_CTRL_MEAS, ctrlMeas);
        sleeper.sleep(conversion);
        waitWhile(device, STATUS_MEASURING, sleeper, "converting");
        device.readRegisters(REG_DATA, data, data.length);
        int adcP = (data[0] & 0xFF) << 12 | (data[1] & 0xFF) << 4 | (data[2] & 0xFF) >> 4;
        int adcT = (data[3] & 0xFF) << 12 | (data[4] & 0xFF) << 4 | (data[5] & 0xFF) >> 4;
        if (adcT == ADC_20BIT_SKIPPED || adcP == ADC_20BIT_SKIPPED) {
            throw SensorException.transientFailure("no conversion: data registers still at their reset value 0x80000", null);
        }
        int tFine = calibration.tFine(adcT);
        Sample sample = new Sample()
                .put(Quantity.TEMPERATURE, Bme280Calibration.temperatureCentiCelsius(tFine) / 100.0)
                .put(Quantity.PRESSURE, calibration.pressureQ24p8(adcP, tFine) / 256.0 / 100.0);   // Pa Q24.8 -> hPa
        if (model.humidity) {
            int adcH = (data[6] & 0xFF) << 8 | (data[7] & 0xFF);
            if (adcH == ADC_16BIT_SKIPPED) {
                sample.refuse(Quantity.HUMIDITY, "no humidity conversion: register still at its reset value 0x8000");
            } else {
                sample.put(Quantity.HUMIDITY, calibration.humidityQ22p10(adcH, tFine) / 1024.0);   // Q22.10 -> %RH
            }
        }
        return sample;
    }

    private static void waitWhile(I2cDevice device, int statusBit, Sleeper sleeper, String what)
            throws SensorException, InterruptedException {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            if ((device.readRegister(REG_STATUS) & statusBit) == 0) {
                return;
            }
            sleeper.sleep(POLL);
        }
        throw SensorException.transientFailure("chip still " + what + " after " + MAX_POLLS + " status polls", null);
    }

    @Override
    public void close() {
        device.close();
    }
}
