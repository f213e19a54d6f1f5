package io.nowcast.history;

import java.util.Locale;
import java.util.Optional;

/**
 * What a channel measures: its default channel name, the one unit every source reports it in, and
 * how readings of it combine into one value per interval ({@link Aggregation}). The one table for
 * the station, {@code nowcast predict} and the trainer (docs/sensors.md prints it).
 *
 * <p>A configuration may rename a channel; its quantity, and so its unit and aggregation, stay.
 */
public enum Quantity {
    /** Air temperature, degrees Celsius. */
    TEMPERATURE("temperature", "°C", Aggregation.MEAN),
    /** Relative humidity over water, percent (0..100). */
    HUMIDITY("humidity", "%RH", Aggregation.MEAN),
    /** Station (not sea-level) air pressure, hectopascal. */
    PRESSURE("pressure", "hPa", Aggregation.MEAN),
    /** Pressure reduced to sea level (weewx's {@code barometer}), hectopascal. */
    PRESSURE_SEA_LEVEL("pressure_sea_level", "hPa", Aggregation.MEAN),
    /** Rain fallen since the previous reading of the same source, millimetres. */
    RAIN("rain", "mm", Aggregation.SUM),
    /** Rain intensity, millimetres per hour. */
    RAIN_RATE("rain_rate", "mm/h", Aggregation.MEAN),
    /** Mean wind speed since the previous reading of the same source, kilometres per hour. */
    WIND_SPEED("wind_speed", "km/h", Aggregation.MEAN),
    /** Strongest gust since the previous reading of the same source, kilometres per hour. */
    WIND_GUST("wind_gust", "km/h", Aggregation.MAX),
    /** Direction the wind blows from, degrees clockwise from north (0..360); none when calm. */
    WIND_DIR("wind_dir", "°", Aggregation.DIRECTION),
    /** Global solar radiation, watts per square metre. */
    RADIATION("radiation", "W/m²", Aggregation.MEAN),
    /** Illuminance, lux. */
    LIGHT("light", "lx", Aggregation.MEAN),
    /** UV index (dimensionless). */
    UV("uv", "", Aggregation.MEAN),
    /** Dew point, degrees Celsius. */
    DEWPOINT("dewpoint", "°C", Aggregation.MEAN),
    /** A replayed CSV column that is none of the above; its unit is whatever the file recorded. */
    OTHER("other", "", Aggregation.MEAN);

    private final String channelName;
    private final String unit;
    private final Aggregation aggregation;

    Quantity(String channelName, String unit, Aggregation aggregation) {
        this.channelName = channelName;
        this.unit = unit;
        this.aggregation = aggregation;
    }

    /** The default channel name, e.g. {@code wind_speed}. */
    public String channelName() {
        return channelName;
    }

    /** The unit of every value of this quantity, e.g. {@code hPa}; empty for {@link #OTHER} and {@link #UV}. */
    public String unit() {
        return unit;
    }

    /** How readings of this quantity become one value per interval. */
    public Aggregation aggregation() {
        return aggregation;
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

    /** The aggregation of a column named {@code name}: its quantity's, or the mean for any other column. */
    public static Aggregation aggregationOf(String name) {
        return byChannelName(name).orElse(OTHER).aggregation;
    }
}
