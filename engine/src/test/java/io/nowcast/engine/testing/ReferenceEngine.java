package io.nowcast.engine.testing;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;

/**
 * {@link ReferenceLstm}, the independent double-precision forward pass, behind the {@link Engine}
 * interface, for tests of code that takes an engine (the station, the trainer's evaluation):
 * what they compute is then checked against a pass that shares no code with the real engines.
 * Whole windows only; allocates on every call.
 */
public final class ReferenceEngine implements Engine {
    private final Model model;

    public ReferenceEngine(Model model) {
        this.model = model;
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public void predict(float[] window, float[] out) {
        int inputs = model.inputCount();
        double[][] w = new double[model.window()][inputs]; // [T][I]
        for (int t = 0; t < w.length; t++) {
            for (int k = 0; k < inputs; k++) {
                w[t][k] = window[t * inputs + k];
            }
        }
        double[] y = ReferenceLstm.outputs(model, w);
        for (int o = 0; o < y.length; o++) {
            out[o] = (float) y[o];
        }
    }

    @Override
    public void step(float[] row, float[] out) {
        throw new UnsupportedOperationException("the reference engine runs whole windows only");
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("the reference engine runs whole windows only");
    }
}
