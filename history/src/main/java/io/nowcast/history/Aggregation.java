package io.nowcast.history;

/**
 * How the readings that fall in one interval become the interval's value. Missing readings (NaN)
 * are left out; an interval without any reading of a column has no value (NaN).
 */
public enum Aggregation {
    /** The arithmetic mean: temperature, humidity, pressure, wind speed and the like. */
    MEAN,
    /** The sum: amounts per reading (rain in mm since the previous reading) add up over the interval. */
    SUM,
    /** The largest reading: gusts. */
    MAX,
    /**
     * The direction of the mean unit vector, degrees in [0, 360): 350° and 10° average to 0°, not
     * 180°. NaN when the vectors cancel (|mean| < 1e-9) or there is no reading (calm wind).
     */
    DIRECTION
}
