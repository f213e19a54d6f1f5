package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class I2cScannerTest {
    @Test
    void listsTheAddressesThatAnswer() throws SensorException {
        FakeSht sht = new FakeSht();
        sht.queueAnswer(0x00);   // any byte: it answers
        FakeI2cBus bus = new FakeI2cBus().plug(0x76, Bme280DriverTest.bme280()).plug(0x44, sht);
        assertEquals(List.of(0x44, 0x76), new I2cScanner(bus).scan(1));
    }

    @Test
    void aMissingBusIsOneClearError() {
        SensorException e = assertThrows(SensorException.class, () -> new I2cScanner(new FakeI2cBus()).scan(7));
        assertTrue(e.getMessage().startsWith("no I2C bus /dev/i2c-7"), e.getMessage());
    }
}
