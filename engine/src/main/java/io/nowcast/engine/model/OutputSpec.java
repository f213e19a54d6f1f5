package io.nowcast.engine.model;

import java.util.Objects;

/**
 * One model output: y = y' · std + mean (+ the last raw value of input {@code baseInput} when
 * baseInput ≥ 0, i.e. the output is a change from that input). {@code horizonSeconds} says how far
 * ahead it looks; it is an unsigned 32-bit value in the file, kept here in a long.
 */
public record OutputSpec(String name, String unit, long horizonSeconds, int baseInput, float mean, float std) {
    /** baseInput's value for an output that is absolute, not a change. */
    public static final int NO_BASE_INPUT = -1;

    public OutputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (horizonSeconds < 0 || horizonSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("output " + name + ": horizonSeconds " + horizonSeconds
                    + " is outside 0..4294967295");
        }
        if (baseInput < NO_BASE_INPUT || baseInput > Short.MAX_VALUE) {
            throw new IllegalArgumentException("output " + name + ": baseInput " + baseInput + " must be -1 or an input index");
        }
        if (!Float.isFinite(mean) || !Float.isFinite(std) || !(std > 0)) {
            throw new IllegalArgumentException("output " + name + ": mean " + mean + " and std " + std
                    + " must be finite with std > 0");
        }
    }

    /** True when this output is a change from the last raw value of an input. */
    public boolean isDelta() {
        return baseInput >= 0;
    }
}
