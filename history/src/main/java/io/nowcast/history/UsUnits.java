package io.nowcast.history;

/**
 * US customary units to the station's metric ones, for weewx archives ({@code usUnits} = 1),
 * CSV files in US units, and MQTT payloads that carry {@code _F}, {@code _in}, {@code _mph} fields.
 *
 * <p>Factors are exact by definition (NIST Special Publication 811, appendix B): 1 in = 25.4 mm,
 * 1 mi = 1.609344 km, 1 inHg (32 °F) = 33.8639 hPa (to the precision NIST gives: 3.38639 kPa),
 * t °C = (t °F − 32) / 1.8.
 */
public final class UsUnits {
    public static final double MM_PER_INCH = 25.4;
    public static final double KMH_PER_MPH = 1.609344;
    public static final double KMH_PER_MS = 3.6;
    public static final double HPA_PER_INHG = 33.8639;

    private UsUnits() {
    }

    public static double celsiusFromFahrenheit(double f) {
        return (f - 32) / 1.8;
    }

    /**
     * A value of {@code quantity} in US units converted to the quantity's station unit
     * ({@link Quantity#unit()}): °F → °C, inHg → hPa, mph → km/h, in → mm, in/h → mm/h. Quantities
     * whose unit is the same in both systems (%RH, degrees, W/m², lux, UV index) are returned as they are.
     */
    public static double toStation(Quantity quantity, double value) {
        return switch (quantity) {
            case TEMPERATURE, DEWPOINT -> celsiusFromFahrenheit(value);
            case PRESSURE, PRESSURE_SEA_LEVEL -> value * HPA_PER_INHG;
            case WIND_SPEED, WIND_GUST -> value * KMH_PER_MPH;
            case RAIN, RAIN_RATE -> value * MM_PER_INCH;
            case HUMIDITY, WIND_DIR, RADIATION, LIGHT, UV, OTHER -> value;
        };
    }
}
