package io.nowcast.sensors.i2c;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.RecordingSleeper;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.guard.Sample;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BME280/BMP280 driver against a register map fed with the datasheet's bytes. */
class Bme280DriverTest {
    static final int[] TP = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
    private final RecordingSleeper sleeper = new RecordingSleeper();

    static FakeBme280 bme280() {
        return FakeBme280.withExampleCalibration();
    }

    @Test
    void opensWithChipIdResetCalibrationAndConfiguration() throws Exception {
        FakeBme280 chip = bme280();
        Bme280Driver.open(chip, Bme280Driver.Model.BME280, new Bme280Driver.Settings(2, 16, 4, 8), sleeper);
        assertEquals(1, chip.resets());
        assertEquals(2, chip.burstReads().size(), "calibration read in two bursts, once");
        assertArrayEquals(new int[]{0x88, 26}, chip.burstReads().get(0));
        assertArrayEquals(new int[]{0xE1, 7}, chip.burstReads().get(1));
        assertEquals(0b011, chip.get(0xF2), "ctrl_hum: osrs_h x4 = 011 (Table 20)");
        assertEquals(0b011 << 2, chip.get(0xF5), "config: filter 8 = 011 in bits 4:2 (Table 28)");
    }

    @Test
    void measuresTheDatasheetExampleWithOneBurstRead() throws Exception {
        FakeBme280 chip = bme280();
        Bme280Driver driver = Bme280Driver.open(chip, Bme280Driver.Model.BME280, Bme280Driver.Settings.weather(), sleeper);
        chip.queue(519888, 415148, 30000);
        Sample s = driver.measure();
        assertEquals(25.08, s.value(Quantity.TEMPERATURE).orElseThrow(), 1e-9);          // datasheet: 25.08 °C
        assertEquals(1006.5327, s.value(Quantity.PRESSURE).orElseThrow(), 0.0005);       // 100653.27 Pa
        double rh = s.value(Quantity.HUMIDITY).orElseThrow();
        assertEquals(Bme280CompensationTest.humidityDouble(Bme280CompensationTest.WITH_HUMIDITY, 30000, 128422), rh, 0.05);
        assertEquals(1, chip.forcedStarts());
        assertEquals(0b001 << 5 | 0b001 << 2 | 0b01, chip.get(0xF4), "ctrl_meas: osrs_t x1, osrs_p x1, forced");
        assertEquals(3, chip.burstReads().size(), "two calibration bursts and exactly one data burst");
        assertArrayEquals(new int[]{0xF7, 8}, chip.burstReads().get(2));
    }

    @Test
    void waitsTheDatasheetMaximumMeasurementTime() throws Exception {
        FakeBme280 chip = bme280();
        Bme280Driver driver = Bme280Driver.open(chip, Bme280Driver.Model.BME280, Bme280Driver.Settings.weather(), sleeper);
        chip.queue(519888, 415148, 30000);
        sleeper.clear();
        driver.measure();
        // section 9.1 with x1 everywhere: 1.25 + 2.3 + (2.3 + 0.575) + (2.3 + 0.575) = 9.3 ms
        assertEquals(Duration.ofNanos(9_300_000), sleeper.waits().get(0));
    }

    @Test
    void bmp280HasNoHumidityAndReadsSixDataBytes() throws Exception {
        FakeBme280 chip = new FakeBme280(0x58, FakeBme280.tpBytes(TP, 0), null);
        Bme280Driver driver = Bme280Driver.open(chip, Bme280Driver.Model.BMP280, Bme280Driver.Settings.weather(), sleeper);
        chip.queue(519888, 415148, 0);
        Sample s = driver.measure();
        assertTrue(s.value(Quantity.HUMIDITY).isEmpty());
        assertEquals(25.08, s.value(Quantity.TEMPERATURE).orElseThrow(), 1e-9);
        assertArrayEquals(new int[]{0xF7, 6}, chip.burstReads().get(1));
    }

    @Test
    void refusesTheWrongChipAndClosesTheDevice() {
        FakeBme280 bmp = new FakeBme280(0x58, FakeBme280.tpBytes(TP, 0), null);
        SensorException e = assertThrows(SensorException.class,
                () -> Bme280Driver.open(bmp, Bme280Driver.Model.BME280, Bme280Driver.Settings.weather(), sleeper));
        assertEquals("chip id 0x58 is BMP280, not a BME280", e.getMessage());
        assertFalse(e.isTransient());
        assertEquals(1, bmp.closes());
        assertEquals(0, bmp.resets(), "no reset of a chip we do not know");
    }

    @Test
    void aConversionThatNeverHappenedIsATransientFailure() throws Exception {
        FakeBme280 chip = bme280();
        Bme280Driver driver = Bme280Driver.open(chip, Bme280Driver.Model.BME280, Bme280Driver.Settings.weather(), sleeper);
        // nothing queued: the data registers keep their reset value 0x80000
        SensorException e = assertThrows(SensorException.class, driver::measure);
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("0x80000"), e.getMessage());
    }

    @Test
    void aSkippedHumidityConversionRejectsOnlyHumidity() throws Exception {
        FakeBme280 chip = bme280();
        Bme280Driver driver = Bme280Driver.open(chip, Bme280Driver.Model.BME280, Bme280Driver.Settings.weather(), sleeper);
        chip.queue(519888, 415148, 0x8000);
        Sample s = driver.measure();
        assertTrue(s.refusal(Quantity.HUMIDITY).isPresent());
        assertTrue(s.value(Quantity.TEMPERATURE).isPresent());
    }

    @Test
    void settingsRejectRatiosTheChipDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> new Bme280Driver.Settings(3, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Bme280Driver.Settings(1, 1, 1, 5));
    }
}
