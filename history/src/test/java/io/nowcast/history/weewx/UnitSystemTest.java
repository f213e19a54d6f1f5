package io.nowcast.history.weewx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.history.Quantity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each unit system's conversion, worked by hand from weewx's unit tables (weewx/units.py). */
class UnitSystemTest {
    private static final double EXACT = 1e-12;

    @Test
    void codesAreWeewxs() {
        assertEquals(Optional.of(UnitSystem.US), UnitSystem.byCode(1));
        assertEquals(Optional.of(UnitSystem.METRIC), UnitSystem.byCode(16)); // weewx.METRIC = 0x10
        assertEquals(Optional.of(UnitSystem.METRICWX), UnitSystem.byCode(17)); // weewx.METRICWX = 0x11
        assertTrue(UnitSystem.byCode(0).isEmpty());
        assertTrue(UnitSystem.byCode(2).isEmpty());
        assertEquals("1 (US), 16 (METRIC), 17 (METRICWX)", UnitSystem.known());
    }

    @Test
    void usIsUsCustomary() {
        assertEquals(10.0, UnitSystem.US.toStation(Quantity.TEMPERATURE, 50.0), EXACT); // (50 − 32) / 1.8 = 10 °C
        assertEquals(33.8639, UnitSystem.US.toStation(Quantity.PRESSURE_SEA_LEVEL, 1.0), EXACT); // 1 inHg
        assertEquals(16.09344, UnitSystem.US.toStation(Quantity.WIND_GUST, 10.0), EXACT); // 10 mph
        assertEquals(25.4, UnitSystem.US.toStation(Quantity.RAIN, 1.0), EXACT); // 1 in
        assertEquals(270.0, UnitSystem.US.toStation(Quantity.WIND_DIR, 270.0), EXACT);
    }

    @Test
    void metricHasRainInCentimetres() {
        assertEquals(12.5, UnitSystem.METRIC.toStation(Quantity.RAIN, 1.25), EXACT); // 1.25 cm = 12.5 mm
        assertEquals(3.0, UnitSystem.METRIC.toStation(Quantity.RAIN_RATE, 0.3), EXACT); // 0.3 cm/h = 3 mm/h
        assertEquals(20.0, UnitSystem.METRIC.toStation(Quantity.WIND_SPEED, 20.0), EXACT); // km/h already
        assertEquals(1013.25, UnitSystem.METRIC.toStation(Quantity.PRESSURE, 1013.25), EXACT); // mbar = hPa
        assertEquals(-3.5, UnitSystem.METRIC.toStation(Quantity.TEMPERATURE, -3.5), EXACT);
    }

    @Test
    void metricwxHasMillimetresAndMetresPerSecond() {
        assertEquals(1.25, UnitSystem.METRICWX.toStation(Quantity.RAIN, 1.25), EXACT); // mm already
        assertEquals(36.0, UnitSystem.METRICWX.toStation(Quantity.WIND_SPEED, 10.0), EXACT); // 10 m/s × 3.6
        assertEquals(54.0, UnitSystem.METRICWX.toStation(Quantity.WIND_GUST, 15.0), EXACT); // 15 m/s × 3.6
        assertEquals(45.0, UnitSystem.METRICWX.toStation(Quantity.HUMIDITY, 45.0), EXACT);
    }
}
