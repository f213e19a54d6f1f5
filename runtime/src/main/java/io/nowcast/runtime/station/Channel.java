package io.nowcast.runtime.station;

import java.util.Objects;

/** One measured quantity of the station, as its sensors name it: {@code temperature} in °C. */
public record Channel(String name, String unit) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }
}
