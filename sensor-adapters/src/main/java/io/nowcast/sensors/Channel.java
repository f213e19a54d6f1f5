package io.nowcast.sensors;

import io.nowcast.history.Quantity;

import java.util.Objects;

/**
 * A channel a source delivers: its configured name and the quantity it carries.
 *
 * @param name     the name readings use (default {@code quantity.channelName()}, or as renamed)
 * @param source   the source's own name for it: the quantity's channel name, or a CSV column
 * @param quantity what it measures
 */
public record Channel(String name, String source, Quantity quantity) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** A channel with the quantity's default name. */
    public static Channel of(Quantity quantity) {
        return new Channel(quantity.channelName(), quantity.channelName(), quantity);
    }
}
