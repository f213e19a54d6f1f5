package io.nowcast.sensors;

import java.util.Locale;
import java.util.Optional;

/**
 * What a channel measures, with the one unit every source reports it in.
 *
 * <p>The lower-case {@link #channelName()} is the default channel name a source gives the
 * quantity (a configuration may rename it, see {@code docs/sensors.md}).
 */
public enum Quantity {
    /** Air temperature, degrees Celsius. */
    TEMPERATURE("temperature", "°C"),
    /** Relative humidity over water, percent (0..100). */
    HUMIDITY("humidity", "%RH"),
    /** Station (not sea-level) air pressure, hectopascal. */
    PRESSURE("pressure", "hPa"),
    /** Rain fallen since the previous reading of the same source, millimetres. */
    RAIN("rain", "mm"),
    /** Mean wind speed since the previous reading of the same source, kilometres per hour. */
    WIND_SPEED("wind_speed", "km/h"),
    /** A replayed CSV column that is none of the above; its unit is whatever the file recorded. */
    OTHER("other", "");

    private final String channelName;
    private final String unit;

    Quantity(String channelName, String unit) {
        this.channelName = channelName;
        this.unit = unit;
    }

    /** The default channel name, e.g. {@code wind_speed}. */
    public String channelName() {
        return channelName;
    }

    /** The unit of every value of this quantity, e.g. {@code hPa}; empty for {@link #OTHER}. */
    public String unit() {
        return unit;
    }

    /** The weather quantity whose channel name is {@code name} (any case), if there is one. */
    public static Optional<Quantity> byChannelName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Quantity q : values()) {
            if (q != OTHER && q.channelName.equals(wanted)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
