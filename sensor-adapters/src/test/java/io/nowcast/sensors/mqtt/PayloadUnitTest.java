package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.history.UsUnits;
import org.junit.jupiter.api.Test;

import static io.nowcast.history.Quantity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadUnitTest {
    @Test
    void usUnitsGoThroughUsUnitsAndMetricOnesByTheirDefinitions() {
        assertEquals(UsUnits.toStation(TEMPERATURE, 50), PayloadUnit.FAHRENHEIT.toStation(TEMPERATURE, 50));
        assertEquals(UsUnits.toStation(DEWPOINT, 41), PayloadUnit.FAHRENHEIT.toStation(DEWPOINT, 41));
        assertEquals(UsUnits.toStation(PRESSURE, 29.92), PayloadUnit.INCH_OF_MERCURY.toStation(PRESSURE, 29.92));
        assertEquals(UsUnits.toStation(RAIN, 0.5), PayloadUnit.INCH.toStation(RAIN, 0.5));
        assertEquals(UsUnits.toStation(RAIN_RATE, 0.5), PayloadUnit.INCH_PER_HOUR.toStation(RAIN_RATE, 0.5));
        assertEquals(UsUnits.toStation(WIND_GUST, 10), PayloadUnit.MILE_PER_HOUR.toStation(WIND_GUST, 10));
        assertEquals(1013.25, PayloadUnit.PASCAL.toStation(PRESSURE, 101325), 1e-9);
        assertEquals(1013.25, PayloadUnit.KILOPASCAL.toStation(PRESSURE, 101.325), 1e-9);
        assertEquals(1013.25, PayloadUnit.MILLIBAR.toStation(PRESSURE, 1013.25));
        assertEquals(2.5, PayloadUnit.CENTIMETRE.toStation(RAIN, 0.25), 1e-12);
        assertEquals(36, PayloadUnit.METRE_PER_SECOND.toStation(WIND_SPEED, 10), 1e-12);
        assertEquals(18.52, PayloadUnit.KNOT.toStation(WIND_SPEED, 10), 1e-12);   // 1 kn = 1852 m/h
        assertEquals(12_500, PayloadUnit.KILOLUX.toStation(LIGHT, 12.5), 1e-9);
    }

    @Test
    void eachQuantityHasItsStationUnitAndUnitsFitOnlyTheirQuantities() {
        for (Quantity q : Quantity.values()) {
            PayloadUnit u = PayloadUnit.stationUnit(q);
            assertTrue(u.fits(q), q + " " + u);
            assertEquals(42.0, u.toStation(q, 42.0), q.toString());
        }
        assertFalse(PayloadUnit.FAHRENHEIT.fits(HUMIDITY));
        assertEquals("C, F", PayloadUnit.namesFor(TEMPERATURE));
        assertEquals("hPa, mbar, kPa, Pa, inHg", PayloadUnit.namesFor(PRESSURE_SEA_LEVEL));
        assertTrue(PayloadUnit.named("inHg").isPresent());
        assertTrue(PayloadUnit.named("INHG").isEmpty(), "unit names are exact: mm is not Mm");
    }
}
