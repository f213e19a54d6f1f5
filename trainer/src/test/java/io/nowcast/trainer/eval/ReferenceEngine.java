package io.nowcast.trainer.eval;

import io.nowcast.runtime.engine.Engine;
import io.nowcast.runtime.model.Model;
import io.nowcast.runtime.testing.ReferenceLstm;

/**
 * The runtime's double-precision reference forward pass (its test jar) behind the Engine
 * interface: what evaluation tests run exported models with, independent of the trainer's code.
 */
final class ReferenceEngine implements Engine {
    private final Model model;

    private ReferenceEngine(Model model) {
        this.model = model;
    }

    static Engine of(Model model) {
        return new ReferenceEngine(model);
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public void predict(float[] window, float[] out) {
        int inputs = model.inputCount();
        double[][] w = new double[model.window()][inputs];
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
        throw new UnsupportedOperationException("evaluation runs whole windows only");
    }

    @Override
    public void reset() {
    }
}
