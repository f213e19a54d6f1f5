package io.nowcast.sensors.guard;

/**
 * Flags a channel whose value has been exactly the same for {@code limit} readings in a row.
 * Real sensors have noise in their last bits; a frozen value means a hung chip or a driver that
 * returns a cached register.
 */
final class StuckDetector {
    private final int limit;   // 0 = never stuck
    private double last = Double.NaN;
    private int repeats;       // readings in a row equal to last, counting the first

    StuckDetector(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("stuck limit must be >= 0, got " + limit);
        }
        this.limit = limit;
    }

    /** Records a new value; true when it makes (or keeps) the channel stuck. */
    boolean offer(double value) {
        if (Double.compare(value, last) == 0) {
            repeats++;
        } else {
            last = value;
            repeats = 1;
        }
        return limit > 0 && repeats >= limit;
    }

    int repeats() {
        return repeats;
    }
}
