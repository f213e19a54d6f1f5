package io.nowcast.trainer.eval;

/** Anything that forecasts the raw value of every output for an example of a window set. */
public interface Forecaster {
    /** A short name for tables and charts. */
    String name();

    /**
     * @param sample index in the window set being evaluated
     * @param out    [O] raw forecasts (absolute values, also for delta outputs)
     */
    void forecast(int sample, double[] out);
}
