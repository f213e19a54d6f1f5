package io.nowcast.sensors.guard;

/**
 * The closed interval of values a sensor can physically report for one quantity (its datasheet's
 * operating range); anything outside is a fault, not weather.
 *
 * @param min lowest plausible value, in the quantity's unit
 * @param max highest plausible value, in the quantity's unit
 */
public record PhysicalRange(double min, double max) {
    public PhysicalRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return fmt(min) + ".." + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
