package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.Channel;

import java.util.Objects;

/**
 * One channel of an mqtt sensor and where its value comes from.
 *
 * @param channel the channel as readings carry it (its name as configured, its quantity)
 * @param field   {@code json}: the field, a dotted path into nested objects ({@code BME280.Temperature});
 *                {@code value}: the topic (a filter, wildcards allowed); null for {@code rtl_433} and
 *                {@code weewx}, whose field tables pick the field from the quantity
 * @param unit    {@code json}, {@code value}: the unit the payload gives the value in; null for
 *                {@code rtl_433} and {@code weewx}, whose field names carry it
 * @param total   {@code json}, {@code value} rain only: the value is a running total (amounts are its
 *                increases), not the amount of one message
 */
public record MqttChannel(Channel channel, String field, PayloadUnit unit, boolean total) {
    public MqttChannel {
        Objects.requireNonNull(channel, "channel");
        if (unit != null && !unit.fits(channel.quantity())) {
            throw new IllegalArgumentException(unit.configName() + " is not a unit of " + channel.quantity());
        }
        if (total && channel.quantity() != Quantity.RAIN) {
            throw new IllegalArgumentException("only rain can be a running total, not " + channel.quantity());
        }
    }

    /** A channel of a format with a field table ({@code rtl_433}, {@code weewx}). */
    public static MqttChannel of(Channel channel) {
        return new MqttChannel(channel, null, null, false);
    }

    public Quantity quantity() {
        return channel.quantity();
    }
}
