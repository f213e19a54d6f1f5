package io.nowcast.sensors.i2c;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.RecordingSleeper;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.guard.Sample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShtDriverTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();

    private ShtDriver open(FakeSht chip, ShtDriver.Variant v, ShtDriver.Precision p) throws Exception {
        if (v == ShtDriver.Variant.SHT3X) {
            chip.queueAnswer(0x80, 0x10, FakeSht.crc(0x8010));          // status word
        } else {
            chip.queueWords(0x1234, 0x5678);                             // serial number
        }
        return ShtDriver.open(chip, v, p, sleeper);
    }

    @Test
    void sht3xSingleShotHighRepeatability() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT3X, ShtDriver.Precision.HIGH);
        // S_T = 0x6666 = 26214 = 0.4·65535 exactly: T = -45 + 175·0.4 = 25.0 °C (SHT3x-DIS section 4.13)
        // S_RH = 0x8000 = 32768: RH = 100·32768/65535 = 50.00076 %RH
        chip.queueWords(0x6666, 0x8000);
        sleeper.clear();
        Sample s = d.measure();
        assertEquals(25.0, s.value(Quantity.TEMPERATURE).orElseThrow(), 1e-12);
        assertEquals(50.00076, s.value(Quantity.HUMIDITY).orElseThrow(), 1e-5);
        assertEquals(List.of("30A2", "F32D", "2400"), chip.commands(), "soft reset, read status, single shot high, no stretching");
        assertEquals(Duration.ofMillis(17), sleeper.waits().get(0), "15.5 ms max (Table 4), rounded up, +1 ms");
    }

    @Test
    void sht4xHighPrecisionWithItsOwnHumidityFormula() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT4X, ShtDriver.Precision.HIGH);
        // SHT4x section 4.6: RH = -6 + 125·S/65535; S = 0x8000 gives 56.50095 %RH
        chip.queueWords(0x6666, 0x8000);
        Sample s = d.measure();
        assertEquals(56.50095, s.value(Quantity.HUMIDITY).orElseThrow(), 1e-5);
        assertEquals(List.of("94", "89", "FD"), chip.commands());
    }

    @Test
    void sht4xHumidityIsCroppedToZeroToHundredAsTheDatasheetSays() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT4X, ShtDriver.Precision.LOW);
        chip.queueWords(0x6666, 0xFFFF);          // -6 + 125 = 119 %RH before cropping
        assertEquals(100.0, d.measure().value(Quantity.HUMIDITY).orElseThrow());
        chip.queueWords(0x6666, 0x0000);          // -6 %RH before cropping
        assertEquals(0.0, d.measure().value(Quantity.HUMIDITY).orElseThrow());
        assertEquals("E0", chip.commands().get(2));
    }

    @Test
    void aBadCrcRejectsOnlyItsWord() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT3X, ShtDriver.Precision.MEDIUM);
        chip.queueAnswer(0x66, 0x66, FakeSht.crc(0x6666) ^ 0x01, 0x80, 0x00, FakeSht.crc(0x8000));
        Sample s = d.measure();
        String reason = s.refusal(Quantity.TEMPERATURE).orElseThrow();
        assertTrue(reason.startsWith("CRC mismatch on the temperature word 0x6666"), reason);
        assertTrue(s.value(Quantity.HUMIDITY).isPresent());
        assertEquals("240B", chip.commands().get(2));
    }

    @Test
    void aBadIdentificationCrcFailsTheOpen() {
        FakeSht chip = new FakeSht();
        chip.queueAnswer(0x80, 0x10, FakeSht.crc(0x8010) ^ 0xFF);
        SensorException e = assertThrows(SensorException.class,
                () -> ShtDriver.open(chip, ShtDriver.Variant.SHT3X, ShtDriver.Precision.HIGH, sleeper));
        assertFalse(e.isTransient());
        assertEquals(1, chip.closes());
    }

    @Test
    void noAnswerAfterTheConversionTimeIsTransient() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT3X, ShtDriver.Precision.HIGH);
        chip.nackNextRead();
        SensorException e = assertThrows(SensorException.class, d::measure);
        assertTrue(e.isTransient(), "the command was taken; a NACK on the read means not ready yet");
    }

    @Test
    void aFailedCommandWriteIsNotTransient() throws Exception {
        FakeSht chip = new FakeSht();
        ShtDriver d = open(chip, ShtDriver.Variant.SHT3X, ShtDriver.Precision.HIGH);
        chip.disconnect();
        SensorException e = assertThrows(SensorException.class, d::measure);
        assertFalse(e.isTransient());
    }
}
