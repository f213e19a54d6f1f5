package io.nowcast.trainer.eval;

import io.nowcast.engine.Engine;
import io.nowcast.trainer.data.WindowSet;

/** An exported model as a runtime engine runs it: raw window in, raw outputs out. */
public final class EngineForecaster implements Forecaster {
    private final String name;
    private final Engine engine;
    private final WindowSet set;
    private final float[] window; // [T][I] raw
    private final float[] out; // [O] raw
    private long saturated; // windows where a fixed-point engine had to clip

    public EngineForecaster(String name, Engine engine, WindowSet set) {
        this.name = name;
        this.engine = engine;
        this.set = set;
        window = new float[engine.model().window() * engine.model().inputCount()];
        out = new float[engine.model().outputCount()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void forecast(int sample, double[] forecast) {
        set.rawWindow(sample, window);
        engine.predict(window, out);
        if (engine.saturated()) {
            saturated++;
        }
        for (int o = 0; o < forecast.length; o++) {
            forecast[o] = out[o];
        }
    }

    public long saturatedWindows() {
        return saturated;
    }
}
