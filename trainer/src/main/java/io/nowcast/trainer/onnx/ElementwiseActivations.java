package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;

/**
 * The model's activations as ONNX elementwise operators, computed the way the float engine computes them
 * (FloatActivations): ISRU(x) = v / sqrt(1 + v²) and ISRU-sigmoid(x) = ½ · (1 + v / sqrt(4 + v²)) with
 * v = x clipped to ±2^20 (so that v² stays finite), tanh and the logistic as {@code Tanh} and {@code Sigmoid}.
 */
final class ElementwiseActivations {
    private static final float ISRU_CLAMP = 0x1p20f;

    private final GraphBuilder graph;
    private final CellActivation cell;
    private final GateActivation gate;

    ElementwiseActivations(GraphBuilder graph, CellActivation cell, GateActivation gate) {
        this.graph = graph;
        this.cell = cell;
        this.gate = gate;
    }

    /** φ(x), the cell activation. */
    String cell(String x) {
        if (cell == CellActivation.TANH) {
            return graph.op("Tanh", x);
        }
        String v = clipped(x);
        return graph.op("Div", v, root(v, 1f));
    }

    /** σ(x), the gate activation. */
    String gate(String x) {
        if (gate == GateActivation.SIGMOID) {
            return graph.op("Sigmoid", x);
        }
        String v = clipped(x);
        String ratio = graph.op("Div", v, root(v, 4f));
        return graph.op("Mul", graph.scalar("half", 0.5f), graph.op("Add", graph.scalar("one", 1f), ratio));
    }

    private String clipped(String x) {
        return graph.op("Clip", x, graph.scalar("lo", -ISRU_CLAMP), graph.scalar("hi", ISRU_CLAMP));
    }

    /** sqrt(a + v²). */
    private String root(String v, float a) {
        return graph.op("Sqrt", graph.op("Add", graph.scalar("a", a), graph.op("Mul", v, v)));
    }
}
