package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import java.util.List;

/**
 * One LSTM step as elementwise ONNX operators (ncm-format-v1, "Meaning"), for activations no {@code LSTM} node has:
 * <pre>
 *   z = P_t + h · Uᵀ;  i, f, g, o = Split(z);  c' = σ(f) ⊙ c + σ(i) ⊙ φ(g);  h' = σ(o) ⊙ φ(c')
 * </pre>
 */
final class LstmStepNodes {
    private LstmStepNodes() {
    }

    /**
     * @param p  the step's input projection W · x_t + b, [batch][4H], gates in Nowcast's order
     * @param uT Uᵀ [H][4H]
     * @return the names of h' and c', each [batch][H]
     */
    static LayerEmitter.State step(GraphBuilder g, CellActivation cell, GateActivation gate, int hidden, String p,
            LayerEmitter.State state, String uT) {
        String z = g.op("Add", p, g.op("MatMul", state.hidden(), uT));
        String[] gates = g.ops("Split", 4, List.of(Attributes.integer("axis", 1)), z,
                g.int64s("split", false, hidden, hidden, hidden, hidden));
        ElementwiseActivations act = new ElementwiseActivations(g, cell, gate);
        String c = g.op("Add", g.op("Mul", act.gate(gates[1]), state.cell()),
                g.op("Mul", act.gate(gates[0]), act.cell(gates[2])));
        return new LayerEmitter.State(g.op("Mul", act.gate(gates[3]), act.cell(c)), c);
    }
}
