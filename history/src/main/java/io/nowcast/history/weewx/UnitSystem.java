package io.nowcast.history.weewx;

import io.nowcast.history.Quantity;
import io.nowcast.history.UsUnits;
import java.util.Optional;

/**
 * weewx's unit systems, as its archive records them in each row's {@code usUnits} column, and the
 * conversion of each to the station's units ({@link Quantity#unit()}). From weewx's own tables
 * ({@code weewx/units.py}: {@code USUnits}, {@code MetricUnits}, {@code MetricWXUnits}):
 *
 * <pre>
 * quantity           US (1)   METRIC (16)  METRICWX (17)  station
 * temperature        °F       °C           °C             °C
 * pressure           inHg     mbar         mbar           hPa (= mbar)
 * wind speed, gust   mph      km/h         m/s            km/h
 * rain (per record)  in       cm           mm             mm
 * rain rate          in/h     cm/h         mm/h           mm/h
 * humidity, wind direction, radiation, UV: %, degrees, W/m², index in every system
 * </pre>
 */
public enum UnitSystem {
    /** weewx.US: US customary units. */
    US(1),
    /** weewx.METRIC: °C, mbar, km/h, and rain in centimetres. */
    METRIC(0x10),
    /** weewx.METRICWX: as METRIC, with rain in millimetres and wind in metres per second. */
    METRICWX(0x11);

    private static final double MM_PER_CM = 10;

    private final int code;

    UnitSystem(int code) {
        this.code = code;
    }

    /** The value of {@code usUnits} that means this system. */
    public int code() {
        return code;
    }

    /** The system a {@code usUnits} value means, if it is one weewx defines. */
    public static Optional<UnitSystem> byCode(long code) {
        for (UnitSystem u : values()) {
            if (u.code == code) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** A value of {@code quantity} in this system, in the station's unit of the quantity. */
    public double toStation(Quantity quantity, double value) {
        return switch (this) {
            case US -> UsUnits.toStation(quantity, value);
            case METRIC -> switch (quantity) {
                case RAIN, RAIN_RATE -> value * MM_PER_CM; // cm → mm, cm/h → mm/h
                default -> value;
            };
            case METRICWX -> switch (quantity) {
                case WIND_SPEED, WIND_GUST -> value * UsUnits.KMH_PER_MS; // m/s → km/h
                default -> value;
            };
        };
    }

    /** "1 (US), 16 (METRIC), 17 (METRICWX)": the values a message may name. */
    static String known() {
        StringBuilder sb = new StringBuilder();
        for (UnitSystem u : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(u.code).append(" (").append(u.name()).append(')');
        }
        return sb.toString();
    }
}
