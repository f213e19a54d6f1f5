package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.history.UsUnits;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.nowcast.history.Quantity.*;

/**
 * A unit a payload may carry a value in, and its conversion to the station's unit of the quantity
 * ({@link Quantity#unit()}): the units of rtl_433's field suffixes ({@code _C}, {@code _F},
 * {@code _km_h}, {@code _m_s}, {@code _mi_h}, {@code _mm}, {@code _in}, {@code _hPa}, {@code _inHg}),
 * of weewx-mqtt's unit labels ({@code _mbar}, {@code _cm}, {@code _kph}, {@code _mps}, {@code _knot}...)
 * and those a {@code json} or {@code value} channel names with {@code channel.<name>.unit}.
 *
 * <p>US customary units convert through {@link UsUnits}; the metric factors are exact by definition
 * (1 hPa = 1 mbar = 100 Pa, 1 cm = 10 mm, 1 m/s = 3.6 km/h, 1 knot = 1852 m/h, 1 klx = 1000 lx).
 */
public enum PayloadUnit {
    CELSIUS("C", EnumSet.of(TEMPERATURE, DEWPOINT)),
    FAHRENHEIT("F", EnumSet.of(TEMPERATURE, DEWPOINT)),
    HECTOPASCAL("hPa", EnumSet.of(PRESSURE, PRESSURE_SEA_LEVEL)),
    MILLIBAR("mbar", EnumSet.of(PRESSURE, PRESSURE_SEA_LEVEL)),
    KILOPASCAL("kPa", EnumSet.of(PRESSURE, PRESSURE_SEA_LEVEL)),
    PASCAL("Pa", EnumSet.of(PRESSURE, PRESSURE_SEA_LEVEL)),
    INCH_OF_MERCURY("inHg", EnumSet.of(PRESSURE, PRESSURE_SEA_LEVEL)),
    MILLIMETRE("mm", EnumSet.of(RAIN)),
    CENTIMETRE("cm", EnumSet.of(RAIN)),
    INCH("in", EnumSet.of(RAIN)),
    MILLIMETRE_PER_HOUR("mm/h", EnumSet.of(RAIN_RATE)),
    CENTIMETRE_PER_HOUR("cm/h", EnumSet.of(RAIN_RATE)),
    INCH_PER_HOUR("in/h", EnumSet.of(RAIN_RATE)),
    KILOMETRE_PER_HOUR("km/h", EnumSet.of(WIND_SPEED, WIND_GUST)),
    METRE_PER_SECOND("m/s", EnumSet.of(WIND_SPEED, WIND_GUST)),
    MILE_PER_HOUR("mph", EnumSet.of(WIND_SPEED, WIND_GUST)),
    KNOT("knot", EnumSet.of(WIND_SPEED, WIND_GUST)),
    PERCENT("%", EnumSet.of(HUMIDITY)),
    DEGREE("deg", EnumSet.of(WIND_DIR)),
    WATT_PER_SQUARE_METRE("W/m2", EnumSet.of(RADIATION)),
    LUX("lx", EnumSet.of(LIGHT)),
    KILOLUX("klx", EnumSet.of(LIGHT)),
    /** The UV index has no unit. */
    INDEX("index", EnumSet.of(UV)),
    /** An {@code other} channel: the value is passed on as published. */
    AS_PUBLISHED("as-published", EnumSet.of(OTHER));

    private static final double KMH_PER_KNOT = 1.852;

    private final String configName;
    private final Set<Quantity> quantities;

    PayloadUnit(String configName, Set<Quantity> quantities) {
        this.configName = configName;
        this.quantities = quantities;
    }

    /** As written after {@code channel.<name>.unit =}, e.g. {@code inHg}. */
    public String configName() {
        return configName;
    }

    /** True when a value of {@code quantity} can be given in this unit. */
    public boolean fits(Quantity quantity) {
        return quantities.contains(quantity);
    }

    /** {@code value}, a {@code quantity} in this unit, in the station's unit {@link Quantity#unit()}. */
    public double toStation(Quantity quantity, double value) {
        return switch (this) {
            case CELSIUS, HECTOPASCAL, MILLIBAR, MILLIMETRE, MILLIMETRE_PER_HOUR, KILOMETRE_PER_HOUR, PERCENT, DEGREE,
                    WATT_PER_SQUARE_METRE, LUX, INDEX, AS_PUBLISHED -> value;
            case FAHRENHEIT, INCH_OF_MERCURY, INCH, INCH_PER_HOUR, MILE_PER_HOUR -> UsUnits.toStation(quantity, value);
            case KILOPASCAL -> value * 10;
            case PASCAL -> value / 100;
            case CENTIMETRE, CENTIMETRE_PER_HOUR -> value * 10;
            case METRE_PER_SECOND -> value * UsUnits.KMH_PER_MS;
            case KNOT -> value * KMH_PER_KNOT;
            case KILOLUX -> value * 1000;
        };
    }

    /** The unit the station keeps {@code quantity} in: the default of {@code channel.<name>.unit}. */
    public static PayloadUnit stationUnit(Quantity quantity) {
        return switch (quantity) {
            case TEMPERATURE, DEWPOINT -> CELSIUS;
            case HUMIDITY -> PERCENT;
            case PRESSURE, PRESSURE_SEA_LEVEL -> HECTOPASCAL;
            case RAIN -> MILLIMETRE;
            case RAIN_RATE -> MILLIMETRE_PER_HOUR;
            case WIND_SPEED, WIND_GUST -> KILOMETRE_PER_HOUR;
            case WIND_DIR -> DEGREE;
            case RADIATION -> WATT_PER_SQUARE_METRE;
            case LIGHT -> LUX;
            case UV -> INDEX;
            case OTHER -> AS_PUBLISHED;
        };
    }

    /** The unit written {@code name} (exact case: {@code mm} is not {@code Mm}). */
    public static Optional<PayloadUnit> named(String name) {
        for (PayloadUnit u : values()) {
            if (u.configName.equals(name.trim())) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** The units a value of {@code quantity} may be given in, for messages. */
    public static String namesFor(Quantity quantity) {
        List<String> names = new ArrayList<>();
        for (PayloadUnit u : values()) {
            if (u.fits(quantity)) {
                names.add(u.configName);
            }
        }
        return String.join(", ", names);
    }

    /** Every unit name, for messages. */
    public static String allNames() {
        List<String> names = new ArrayList<>();
        for (PayloadUnit u : values()) {
            names.add(u.configName);
        }
        return String.join(", ", names);
    }
}
