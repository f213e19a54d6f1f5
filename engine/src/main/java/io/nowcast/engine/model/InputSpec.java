package io.nowcast.engine.model;

import java.util.Objects;

/**
 * One model input: a sensor channel or a derived feature, matched by {@code name}, and how it is
 * normalized: x' = (x - mean) / std.
 */
public record InputSpec(String name, String unit, float mean, float std) {
    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!Float.isFinite(mean) || !Float.isFinite(std) || !(std > 0)) {
            throw new IllegalArgumentException("input " + name + ": mean " + mean + " and std " + std
                    + " must be finite with std > 0");
        }
    }
}
