package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Conversions;
import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.engine.model.Model;

/**
 * The integer-only engine: runs any valid model in Q16.16 fixed point (docs/fixedpoint.md).
 *
 * <p>Three parts: the {@link Q16Weights} (immutable, converted once from the model, shareable
 * between engines), whose {@link Q16Kernel} runs the LSTM layers; this engine's own
 * {@link Q16RunState} (all state and scratch, allocated once); and the code here, which converts
 * the raw float inputs to Q32.32 at the boundary (io.nowcast.fixedpoint's Q16Conversions),
 * normalizes them, steps the layers, applies the head, scales the outputs back and converts them
 * to float. {@link #predict}, {@link #step} and {@link #reset} run on integers only and allocate
 * nothing. A window runs in runs of {@link Q16RunState#CHUNK} steps, layer by layer within a run
 * (the input half of the gate sums of a run's steps from one pass over W, then the recurrence
 * step by step), so memory does not grow with T; a streaming step is one pass over each layer's
 * [W U]. Integer sums do not depend on their order: T steps from a reset give the bits of
 * predict.
 *
 * <p>Saturation, never wrap-around: a raw input beyond ±2^30 (or NaN), a normalized input beyond
 * the range that keeps every 64-bit accumulator exact (at most ±32768; see
 * {@link Q16Layer#inputClamp}), a cell value beyond ±32768, a normalized output beyond ±32768
 * and a raw output beyond ±2^31 (Q32.32's range) are clipped, and {@link #saturated()} reports it
 * until the next call. Gate pre-activations are clipped to ±32768 silently: every activation is
 * already flat there in Q16.16, so that clip changes nothing.
 *
 * <p>Like the float engine, a window ({@link #predict}) runs in its own state and leaves the
 * streaming state of {@link #step} as it was. Not thread-safe: one engine per thread (they may
 * share their weights).
 */
public final class Q16Engine implements Engine {
    private final Q16Weights weights; // shared, never written
    private final Q16Kernel kernel; // weights.kernel
    private final Q16RunState state; // this engine's own
    private final int inputCount; // I
    private final int windowSteps; // T
    private final int last; // L - 1: the layer whose h feeds the head

    /** An engine with the fastest kernel this JVM can run ({@link KernelChoice#FASTEST}). */
    public Q16Engine(Model model) {
        this(model, KernelChoice.FASTEST);
    }

    /** An engine with the given kernel; see {@link Q16Weights#Q16Weights(Model, KernelChoice)}. */
    public Q16Engine(Model model, KernelChoice kernel) {
        this(new Q16Weights(model, kernel));
    }

    /** An engine on weights that other engines may share: it allocates only its own state. */
    public Q16Engine(Q16Weights weights) {
        this.weights = weights;
        kernel = weights.kernel;
        state = new Q16RunState(weights);
        inputCount = weights.inputMean.length;
        windowSteps = weights.model.window();
        last = weights.hiddenSizes.length - 1;
    }

    /** The kernel this engine runs: "reference", or "vector-Lx64". */
    public String kernelName() {
        return kernel.name();
    }

    @Override
    public Model model() {
        return weights.model;
    }

    @Override
    public void predict(float[] window, float[] out) {
        state.window.zero();
        state.saturated = false;
        for (int t = 0; t < windowSteps; t += Q16RunState.CHUNK) {
            advance(state.window, window, t, Math.min(Q16RunState.CHUNK, windowSteps - t));
        }
        head(state.window, out);
    }

    @Override
    public void step(float[] row, float[] out) {
        state.saturated = false;
        int[] xs = state.sequence; // x'_t [I], then each layer's h_t [H_l]
        normalize(row, 0, xs, 0);
        for (int l = 0; l <= last; l++) {
            kernel.gates(l, xs, state.stream.h[l], state.sums); // z = b + W·x_t + U·h_{t-1}, one pass
            cells(l, state.stream, xs, 0);
        }
        head(state.stream, out);
    }

    @Override
    public void reset() {
        state.stream.zero();
    }

    @Override
    public boolean saturated() {
        return state.saturated;
    }

    /** y' (normalized outputs) of the last call, Q16.16 raw, into dst [O]. */
    void normalizedOutputs(int[] dst) {
        System.arraycopy(state.normalizedOutput, 0, dst, 0, state.normalizedOutput.length);
    }

    /**
     * Steps t0 .. t0 + count of every layer in {@code layers} (count ≤ CHUNK), on the raw rows
     * rows[t·I .. (t + 1)·I), layer by layer: the input half of a layer's gate sums for all the
     * steps from one pass over W, then the recurrence step by step.
     */
    private void advance(Q16RunState.Layers layers, float[] rows, int t0, int count) {
        int[] xs = state.sequence; // x'_t [count][I], then each layer's h_t [count][H_l]
        for (int t = 0; t < count; t++) {
            normalize(rows, (t0 + t) * inputCount, xs, t * inputCount);
        }
        for (int l = 0; l <= last; l++) {
            kernel.inputGates(l, xs, count, state.inputGates); // b + W·x_t: xs is free again
            for (int t = 0; t < count; t++) {
                kernel.recurrentGates(l, state.inputGates, t, layers.h[l], state.sums); // + U·h_{t-1}
                cells(l, layers, xs, t);
            }
        }
    }

    /**
     * c and h of layer l from the gate sums; h_t, unless l is the last layer, also into row t of
     * xs [count][H_l], the next layer's x_t.
     */
    private void cells(int l, Q16RunState.Layers layers, int[] xs, int t) {
        int[] h = layers.h[l];
        state.saturated |= kernel.cells(l, state.sums, h, layers.c[l], state.scratch);
        if (l < last) {
            System.arraycopy(h, 0, xs, t * h.length, h.length);
        }
    }

    /**
     * x' of the raw row at rows[from .. from + I) into x[at .. at + I), Q16.16, clamped to the
     * first layer's input clamp; the row (Q32.32) is kept as the last row.
     */
    private void normalize(float[] rows, int from, int[] x, int at) {
        for (int k = 0; k < inputCount; k++) {
            float raw = rows[from + k];
            state.saturated |= !Q16Conversions.inQ32x32Range(raw);
            long q32 = Q16Conversions.toQ32x32(raw); // Q32.32, |.| ≤ 2^62
            state.lastRow[k] = q32;
            long normalized = weights.inputScale[k].apply(q32 - weights.inputMean[k]); // x' in Q16.16 (in a long)
            int clamp = weights.inputClamp;
            if (normalized > clamp || normalized < -clamp) {
                state.saturated = true;
                normalized = normalized > 0 ? clamp : -clamp;
            }
            x[at + k] = (int) normalized;
        }
    }

    /** y' = Wy · h_T + by, then y = y' · std + mean (+ the last raw base input), into out [O]. */
    private void head(Q16RunState.Layers layers, float[] out) {
        int[] h = layers.h[last]; // h_T [H_{L-1}], Q16.16
        int hidden = h.length;
        for (int o = 0; o < weights.headBias.length; o++) {
            // Q32.32; |h| ≤ 1 and H ≤ 4096 keep it below 2^60
            long acc = Q16Dot.widen(weights.headBias[o]) + Q16Dot.dot(weights.headWeights, o * hidden, h, 0, hidden);
            long rounded = Q16.roundShift(acc, Q16.FRACTION_BITS);
            state.saturated |= !Q16.fits(rounded);
            int yNormalized = Q16.saturate(rounded); // y', Q16.16
            state.normalizedOutput[o] = yNormalized;
            long y = weights.outputScale[o].apply(yNormalized); // Q32.32
            y = Q16.addSaturating(y, weights.outputMean[o]);
            int base = weights.outputBase[o];
            if (base >= 0) {
                y = Q16.addSaturating(y, state.lastRow[base]);
            }
            state.saturated |= y == Long.MAX_VALUE || y == Long.MIN_VALUE;
            out[o] = Q16Conversions.fromQ32x32(y);
        }
    }
}
