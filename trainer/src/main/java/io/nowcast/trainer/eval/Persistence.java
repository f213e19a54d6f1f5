package io.nowcast.trainer.eval;

import io.nowcast.trainer.data.WindowSet;

/** Tomorrow is today: the last value of each output's column in the window. */
public final class Persistence implements Forecaster {
    private final WindowSet set;

    public Persistence(WindowSet set) {
        this.set = set;
    }

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public void forecast(int sample, double[] out) {
        for (int o = 0; o < out.length; o++) {
            out[o] = set.lastValue(sample, o);
        }
    }
}
