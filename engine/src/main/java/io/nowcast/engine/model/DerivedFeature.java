package io.nowcast.engine.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Inputs that the runtime computes itself from the UTC instant of a step, matched to a model's
 * inputs by name. Times are UTC, never civil time: solar time drives the weather, and civil time
 * jumps with daylight saving. The trainer computes them with this same code.
 *
 * <p>With s = seconds since 00:00 UTC of the instant's day (fraction included), d = the day of the
 * UTC year counted from 0, and Y = the number of days in that UTC year (365 or 366):
 * <ul>
 *   <li>time of day: θ = 2π · s / 86400;
 *   <li>day of year: θ = 2π · (d + s / 86400) / Y;
 * </ul>
 * and each feature is sin θ or cos θ (dimensionless, in [-1, 1]).
 */
public enum DerivedFeature {
    TIME_OF_DAY_SIN("time_of_day_sin"),
    TIME_OF_DAY_COS("time_of_day_cos"),
    DAY_OF_YEAR_SIN("day_of_year_sin"),
    DAY_OF_YEAR_COS("day_of_year_cos");

    private static final double SECONDS_PER_DAY = 86_400.0;

    /** The input name a model uses for this feature. */
    public final String inputName;

    DerivedFeature(String inputName) {
        this.inputName = inputName;
    }

    /** The feature with this input name, or null when the name is not a derived feature's. */
    public static DerivedFeature byInputName(String name) {
        for (DerivedFeature f : values()) {
            if (f.inputName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The feature's value at {@code instant}. */
    public double at(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        double secondsOfDay = utc.toLocalTime().toNanoOfDay() / 1e9;
        double theta = switch (this) {
            case TIME_OF_DAY_SIN, TIME_OF_DAY_COS -> 2 * Math.PI * secondsOfDay / SECONDS_PER_DAY;
            case DAY_OF_YEAR_SIN, DAY_OF_YEAR_COS -> {
                LocalDate date = utc.toLocalDate();
                yield 2 * Math.PI * (date.getDayOfYear() - 1 + secondsOfDay / SECONDS_PER_DAY) / date.lengthOfYear();
            }
        };
        return switch (this) {
            case TIME_OF_DAY_SIN, DAY_OF_YEAR_SIN -> Math.sin(theta);
            case TIME_OF_DAY_COS, DAY_OF_YEAR_COS -> Math.cos(theta);
        };
    }
}
