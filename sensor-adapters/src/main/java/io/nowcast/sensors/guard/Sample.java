package io.nowcast.sensors.guard;

import io.nowcast.history.Quantity;

import java.util.EnumMap;
import java.util.Optional;

/**
 * What a driver measured in one read: a value per quantity, or the reason a quantity's raw data
 * was refused by the driver itself (e.g. a failed CRC on one of two words).
 */
public final class Sample {
    private final EnumMap<Quantity, Double> values = new EnumMap<>(Quantity.class);
    private final EnumMap<Quantity, String> refused = new EnumMap<>(Quantity.class);

    public Sample put(Quantity quantity, double value) {
        values.put(quantity, value);
        return this;
    }

    public Sample refuse(Quantity quantity, String reason) {
        refused.put(quantity, reason);
        return this;
    }

    /** The measured value, if the driver delivered one. */
    public Optional<Double> value(Quantity quantity) {
        return Optional.ofNullable(values.get(quantity));
    }

    /** Why the driver refused the quantity, if it did. */
    public Optional<String> refusal(Quantity quantity) {
        return Optional.ofNullable(refused.get(quantity));
    }
}
