package io.nowcast.history.weewx;

import io.nowcast.history.Quantity;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of weewx's {@code archive} table that Nowcast reads, each with the station channel it
 * becomes (named as {@link Quantity#channelName()}). weewx's archive records are summaries of one
 * archive interval: means, except {@code rain} (the amount fallen in the interval, not a running
 * total) and {@code windGust} (the interval's maximum).
 */
public enum ArchiveField {
    OUT_TEMP("outTemp", Quantity.TEMPERATURE),
    OUT_HUMIDITY("outHumidity", Quantity.HUMIDITY),
    PRESSURE("pressure", Quantity.PRESSURE),
    BAROMETER("barometer", Quantity.PRESSURE_SEA_LEVEL),
    WIND_SPEED("windSpeed", Quantity.WIND_SPEED),
    WIND_GUST("windGust", Quantity.WIND_GUST),
    WIND_DIR("windDir", Quantity.WIND_DIR),
    RAIN("rain", Quantity.RAIN),
    RAIN_RATE("rainRate", Quantity.RAIN_RATE),
    RADIATION("radiation", Quantity.RADIATION),
    UV("UV", Quantity.UV),
    DEWPOINT("dewpoint", Quantity.DEWPOINT);

    private final String column;
    private final Quantity quantity;

    ArchiveField(String column, Quantity quantity) {
        this.column = column;
        this.quantity = quantity;
    }

    /** The column's name in weewx's schema, e.g. {@code outTemp}. */
    public String column() {
        return column;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The station channel name the field becomes, e.g. {@code temperature}. */
    public String channel() {
        return quantity.channelName();
    }

    /** The field that becomes the channel named {@code channel} (any case), if there is one. */
    public static Optional<ArchiveField> byChannel(String channel) {
        String wanted = channel.trim().toLowerCase(Locale.ROOT);
        for (ArchiveField f : values()) {
            if (f.channel().equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
