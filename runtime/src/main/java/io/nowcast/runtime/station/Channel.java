package io.nowcast.runtime.station;

import io.nowcast.history.Aggregation;
import io.nowcast.history.Quantity;
import java.util.Objects;

/**
 * One measured quantity of the station, as its sensors name it: {@code temperature} in °C, averaged
 * over an interval; {@code rain} in mm, summed.
 */
public record Channel(String name, String unit, Aggregation aggregation) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(aggregation, "aggregation");
    }

    /** A channel aggregated by the rule of the quantity its name names ({@link Quantity#aggregationOf}). */
    public Channel(String name, String unit) {
        this(name, unit, Quantity.aggregationOf(name));
    }
}
