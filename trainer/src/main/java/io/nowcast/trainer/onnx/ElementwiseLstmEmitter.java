package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.LstmLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer with any activations (ISRU, which no ONNX {@code LSTM} node can express) as elementwise operators: the
 * input projection of all steps at once, P = seq · Wᵀ + b [T][batch][4H], then the T steps unrolled
 * ({@link LstmStepNodes}), each reading its P_t with {@code Gather}; the output sequence, when the next layer needs
 * it, is the steps' h joined by {@code Concat}. Unrolled rather than a {@code Scan} over the steps: ONNX Runtime
 * 1.23 ran a Scan of this body 1.5 times slower (2 layers of 64, T = 48: 3.06 ms against 2.04 ms a window,
 * OrtRaceBenchmark, 2026-12-02), and a Nowcast model's window length is fixed anyway.
 */
final class ElementwiseLstmEmitter implements LayerEmitter {
    private final GraphBuilder graph;
    private final CellActivation cell;
    private final GateActivation gate;
    private final int steps;

    /** @param steps T, the number of steps of every input sequence */
    ElementwiseLstmEmitter(GraphBuilder graph, CellActivation cell, GateActivation gate, int steps) {
        this.graph = graph;
        this.cell = cell;
        this.gate = gate;
        this.steps = steps;
    }

    @Override
    public Emitted emit(String sequence, LstmLayer layer, boolean needSequence, State start) {
        int n = layer.inputSize();
        int h = layer.hiddenSize();
        String wT = graph.floats("Wt", transpose(layer.inputWeights(), 4 * h, n), n, 4L * h);
        String projected = graph.op("Add", graph.op("MatMul", sequence, wT), graph.floats("b", layer.bias(), 4L * h));
        String uT = graph.floats("Ut", transpose(layer.recurrentWeights(), 4 * h, h), h, 4L * h);
        State state = start != null ? start : zeros(sequence, h);
        List<String> hidden = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            String p = graph.op("Gather", List.of(Attributes.integer("axis", 0)), projected, graph.int64s("t", true, t));
            state = LstmStepNodes.step(graph, cell, gate, h, p, state, uT);
            if (needSequence) {
                hidden.add(graph.op("Unsqueeze", state.hidden(), graph.int64s("axis", false, 0)));
            }
        }
        String next = needSequence
                ? graph.op("Concat", List.of(Attributes.integer("axis", 0)), hidden.toArray(String[]::new)) : null;
        return new Emitted(next, state);
    }

    /** Zero h and c [batch][H], batch read from dimension 1 of {@code sequence} [T][batch][n]. */
    private State zeros(String sequence, int h) {
        String batch = graph.op("Slice", graph.op("Shape", sequence), graph.int64s("from", false, 1),
                graph.int64s("to", false, 2));
        String shape = graph.op("Concat", List.of(Attributes.integer("axis", 0)), batch, graph.int64s("h", false, h));
        String zeros = graph.op("ConstantOfShape", shape);
        return new State(zeros, zeros);
    }

    /** [rows][cols] row-major to [cols][rows]. */
    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                t[k * rows + r] = a[r * cols + k];
            }
        }
        return t;
    }
}
