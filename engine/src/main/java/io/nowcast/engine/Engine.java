package io.nowcast.engine;

import io.nowcast.engine.model.Model;

/**
 * Runs a {@link Model}: raw inputs in, raw outputs out (normalization and denormalization are the
 * engine's). An engine owns its state and scratch buffers, sized once from the model at
 * construction: {@link #predict}, {@link #step} and {@link #reset} allocate nothing and do no
 * checks that a valid model cannot fail. Not thread-safe: one engine per thread.
 */
public interface Engine {
    /** The model this engine runs. */
    Model model();

    /**
     * One whole window, from zero state, as the format defines it.
     *
     * @param window T rows of I raw inputs, row-major: window[t·I + k] is input k at step t;
     *               T = {@code model().window()}, I = {@code model().inputCount()}
     * @param out    O raw outputs, in the order of the model's output descriptors
     */
    void predict(float[] window, float[] out);

    /**
     * One step of streaming inference: advances the carried state by one row, then writes the
     * outputs that the dense head gives for the new state.
     *
     * @param row I raw inputs of this step
     * @param out O raw outputs
     */
    void step(float[] row, float[] out);

    /** Sets the carried state of {@link #step} back to zero. */
    void reset();

    /**
     * True when the last {@link #predict} or {@link #step} had to clip a value to stay in its
     * number format's range (only fixed-point engines can): its outputs are then less exact.
     */
    default boolean saturated() {
        return false;
    }
}
