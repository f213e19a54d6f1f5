package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.guard.PhysicalRange;

/**
 * The values weather can have, per quantity: what an MQTT-fed value must lie in to be used. The
 * device behind a broker is unknown, so these are the limits of the weather itself, not of a
 * datasheet: the extremes on record with a margin (−89.2 °C at Vostok, 56.7 °C in Death Valley; sea-level
 * pressure 870..1084 hPa; a 408 km/h gust at Barrow Island); station pressure down to the
 * 300 hPa of the highest summits. A rain value (a running total or one message's amount) must not be
 * negative. Values outside are REJECTED, with the value and the range in the reason.
 */
final class PlausibleRange {
    private PlausibleRange() {
    }

    /** The range of {@code quantity}, in its station unit; null for OTHER (anything goes). */
    static PhysicalRange of(Quantity quantity) {
        return switch (quantity) {
            case TEMPERATURE, DEWPOINT -> new PhysicalRange(-90, 60);
            case HUMIDITY -> new PhysicalRange(0, 100);
            case PRESSURE -> new PhysicalRange(300, 1100);
            case PRESSURE_SEA_LEVEL -> new PhysicalRange(850, 1090);
            case RAIN -> new PhysicalRange(0, 100_000);
            case RAIN_RATE -> new PhysicalRange(0, 2000);
            case WIND_SPEED, WIND_GUST -> new PhysicalRange(0, 420);
            case WIND_DIR -> new PhysicalRange(0, 360);
            case RADIATION -> new PhysicalRange(0, 2000);
            case LIGHT -> new PhysicalRange(0, 200_000);
            case UV -> new PhysicalRange(0, 25);
            case OTHER -> null;
        };
    }
}
