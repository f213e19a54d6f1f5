package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UsUnitsTest {
    @Test
    void fixedPointsOfEachScale() {
        // Water freezes at 32 °F = 0 °C and boils at 212 °F = 100 °C; −40 is the same on both scales.
        assertEquals(0.0, UsUnits.toStation(Quantity.TEMPERATURE, 32), 1e-12);
        assertEquals(100.0, UsUnits.toStation(Quantity.DEWPOINT, 212), 1e-12);
        assertEquals(-40.0, UsUnits.toStation(Quantity.TEMPERATURE, -40), 1e-12);
        // The standard atmosphere: 29.92 inHg ≈ 1013.25 hPa (NOAA's rounding of both).
        assertEquals(1013.25, UsUnits.toStation(Quantity.PRESSURE_SEA_LEVEL, 29.92), 0.05);
        assertEquals(16.09344, UsUnits.toStation(Quantity.WIND_GUST, 10), 1e-12);
        assertEquals(2.54, UsUnits.toStation(Quantity.RAIN, 0.1), 1e-12);
        assertEquals(55.0, UsUnits.toStation(Quantity.HUMIDITY, 55), 0.0);
        assertEquals(270.0, UsUnits.toStation(Quantity.WIND_DIR, 270), 0.0);
    }
}
