package io.nowcast.trainer.onnx;

import io.nowcast.engine.model.LstmLayer;

/** Writes one LSTM layer of a Nowcast model into an ONNX graph. */
interface LayerEmitter {
    /**
     * @param sequence     the layer's input, [T][batch][n] float
     * @param layer        its weights, gates in Nowcast's order
     * @param needSequence whether the next layer needs the whole output sequence
     * @param start        names of the starting h and c, each [batch][H]; null for zero state
     * @return the names of the output sequence [T][batch][H] (null when not needed) and of the final h and c
     *         [batch][H] (c may be null when {@code start} is: a whole-window graph does not output it)
     */
    Emitted emit(String sequence, LstmLayer layer, boolean needSequence, State start);

    /** Names of a layer's hidden and cell state, each [batch][H]. */
    record State(String hidden, String cell) {
    }

    /** Names of a layer's outputs in the graph. */
    record Emitted(String sequence, State last) {
    }
}
