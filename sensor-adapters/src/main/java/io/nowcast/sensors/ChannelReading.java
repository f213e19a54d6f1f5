package io.nowcast.sensors;

import io.nowcast.history.Quantity;

import java.util.Objects;

/**
 * One channel of one reading.
 *
 * @param name     the channel name as configured (e.g. {@code temperature})
 * @param quantity what it measures; fixes the unit
 * @param value    the value in {@code quantity.unit()}; {@code NaN} unless {@code status} is OK
 * @param status   OK, MISSING or REJECTED
 * @param reason   why the value is missing or rejected; empty when OK
 */
public record ChannelReading(String name, Quantity quantity, double value, ChannelStatus status, String reason) {

    public ChannelReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (status == ChannelStatus.OK && !Double.isFinite(value)) {
            throw new IllegalArgumentException("an OK channel needs a finite value, got " + value);
        }
        if (status != ChannelStatus.OK && !Double.isNaN(value)) {
            throw new IllegalArgumentException("a " + status + " channel carries no value");
        }
    }

    public static ChannelReading ok(String name, Quantity quantity, double value) {
        return new ChannelReading(name, quantity, value, ChannelStatus.OK, "");
    }

    public static ChannelReading missing(String name, Quantity quantity, String reason) {
        return new ChannelReading(name, quantity, Double.NaN, ChannelStatus.MISSING, reason);
    }

    public static ChannelReading rejected(String name, Quantity quantity, String reason) {
        return new ChannelReading(name, quantity, Double.NaN, ChannelStatus.REJECTED, reason);
    }

    public boolean isOk() {
        return status == ChannelStatus.OK;
    }

    /** e.g. {@code temperature=21.53 °C} or {@code humidity MISSING (timed out after 2s)}. */
    @Override
    public String toString() {
        return isOk()
                ? name + "=" + value + (quantity.unit().isEmpty() ? "" : " " + quantity.unit())
                : name + " " + status + " (" + reason + ")";
    }
}
