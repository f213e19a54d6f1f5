package io.nowcast.history;

import java.util.Optional;

/**
 * A model input computed from a direction channel ({@link Aggregation#DIRECTION}, e.g.
 * {@code wind_dir}): {@code <channel>_sin} and {@code <channel>_cos}, the sine and cosine of the
 * interval's direction. A model never sees the raw angle, whose jump from 359° to 0° means nothing.
 * An interval without a direction (calm, or the vectors cancel) gives 0 and 0: no direction.
 *
 * @param channel the direction channel's name
 * @param sine    true for {@code _sin}, false for {@code _cos}
 */
public record DirectionInput(String channel, boolean sine) {
    private static final String SIN = "_sin";
    private static final String COS = "_cos";

    /** The two input names a direction channel gives, sine first. */
    public static String[] inputNames(String channel) {
        return new String[] {channel + SIN, channel + COS};
    }

    /**
     * The direction input named {@code inputName}, if the name is {@code <channel>_sin} or
     * {@code <channel>_cos}; whether {@code channel} really is a direction is for the caller to check.
     */
    public static Optional<DirectionInput> parse(String inputName) {
        if (inputName.length() > SIN.length() && inputName.endsWith(SIN)) {
            return Optional.of(new DirectionInput(inputName.substring(0, inputName.length() - SIN.length()), true));
        }
        if (inputName.length() > COS.length() && inputName.endsWith(COS)) {
            return Optional.of(new DirectionInput(inputName.substring(0, inputName.length() - COS.length()), false));
        }
        return Optional.empty();
    }

    /** The input's value for a direction in degrees; 0 when {@code degrees} is NaN (no direction). */
    public double valueOf(double degrees) {
        return component(degrees, sine);
    }

    /** sin or cos of {@code degrees}; 0 when NaN. */
    public static double component(double degrees, boolean sine) {
        if (Double.isNaN(degrees)) {
            return 0;
        }
        double radians = Math.toRadians(degrees);
        return sine ? Math.sin(radians) : Math.cos(radians);
    }
}
