package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import java.util.ArrayList;
import java.util.List;

/** Hand-written one-layer f32 models for the golden tests: every number given by the test. */
final class SmallModels {
    private SmallModels() {
    }

    /** The two activation pairs the golden vectors cover. */
    enum Pair {
        TANH_SIGMOID(CellActivation.TANH, GateActivation.SIGMOID),
        ISRU_ISRU_SIGMOID(CellActivation.ISRU, GateActivation.ISRU_SIGMOID);

        final CellActivation cell;
        final GateActivation gate;

        Pair(CellActivation cell, GateActivation gate) {
            this.cell = cell;
            this.gate = gate;
        }
    }

    /**
     * @param inputScale  per input {mean, std}
     * @param outputScale per output {mean, std, baseInput}
     * @param w           W [4H][n], u U [4H][H], b [4H] (gate order i, f, g, o)
     * @param wy          Wy [O][H], by [O]
     */
    static Model oneLayer(Pair pair, int window, double[][] inputScale, double[][] outputScale, int hidden,
            double[] w, double[] u, double[] b, double[] wy, double[] by) {
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < inputScale.length; k++) {
            inputs.add(new InputSpec("x" + k, "", (float) inputScale[k][0], (float) inputScale[k][1]));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int k = 0; k < outputScale.length; k++) {
            outputs.add(new OutputSpec("y" + k, "", 3600, (int) outputScale[k][2], (float) outputScale[k][0],
                    (float) outputScale[k][1]));
        }
        LstmLayer layer = new LstmLayer(inputs.size(), hidden, w, u, b);
        return new Model(WeightType.F32, pair.cell, pair.gate, window, 60, inputs, outputs, "golden", List.of(layer),
                wy, by);
    }
}
