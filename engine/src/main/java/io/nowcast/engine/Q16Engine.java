package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Conversions;
import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.fixedpoint.Q16Scale;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;

/**
 * The integer-only engine: runs any valid model in Q16.16 fixed point (docs/fixedpoint.md).
 *
 * <p>At construction, once: weights and biases become Q16.16 (whatever the file's weight type;
 * |w| ≥ 32768 saturates), each input's mean becomes Q32.32 and its 1/std an integer
 * {@link Q16Scale} (31 significant bits: a Q16.16 1/std would lose up to 3e-4 of x' for stds
 * like 20), and each output's std and mean likewise. After that, {@link #predict} and
 * {@link #step} convert the raw float inputs to Q32.32 at the boundary (io.nowcast.fixedpoint's
 * Q16Conversions), run on integers only, convert the outputs back to float, and allocate nothing.
 *
 * <p>Saturation, never wrap-around: a raw input beyond ±2^30 (or NaN), a normalized input beyond
 * the range that keeps every 64-bit accumulator exact (at most ±32768; see
 * {@link Q16Layer#inputClamp()}), a cell value beyond ±32768, a normalized output beyond ±32768
 * and a raw output beyond ±2^31 (Q32.32's range) are clipped, and {@link #saturated()} reports it until the next call. Gate pre-activations are
 * clipped to ±32768 silently: every activation is already flat there in Q16.16, so that clip
 * changes nothing.
 *
 * <p>Like the float engine, a window ({@link #predict}) runs in its own state and leaves the
 * streaming state of {@link #step} as it was. Not thread-safe.
 */
public final class Q16Engine implements Engine {
    private final Model model;
    private final int inputCount; // I
    private final int outputCount; // O
    private final int window; // T
    private final Q16Layer[] layers; // L
    private final Q16Layer last; // layers[L - 1], whose h feeds the head
    private final int[] headWeights; // Wy [O][H_{L-1}], row-major, Q16.16
    private final int[] headBias; // by [O], Q16.16
    private final long[] inputMean; // [I], Q32.32
    private final Q16Scale[] inputScale; // [I]: (Q32.32 x - mean) → Q16.16 x', factor 2^-16 / std
    private final int inputClamp; // |x'| limit, Q16.16 raw
    private final Q16Scale[] outputScale; // [O]: Q16.16 y' → Q32.32 y' · std, factor 2^16 · std
    private final long[] outputMean; // [O], Q32.32
    private final int[] outputBase; // [O]: baseInput, or -1
    private final long[] lastRow; // [I]: the last raw row, Q32.32 (for outputs that are changes)
    private final int[] normalizedOutput; // y' [O], Q16.16, of the last call
    private final State stream; // carried by step, cleared by reset
    private final State windowState; // cleared by every predict
    private final int[] normalizedWindow; // x' [T][I], Q16.16, of the window predict runs
    private final int[][] sequences; // per layer l < L - 1, its h_t for every step [T][H_l]: layer l + 1's x_t
    private boolean saturated;

    /** The carried state of every layer: its input buffer (x_t then h) and its cell c, Q16.16. */
    private static final class State {
        final int[][] inputs; // [L][n_l + H_l]
        final int[][] cells; // [L][H_l]

        State(Q16Layer[] layers) {
            inputs = new int[layers.length][];
            cells = new int[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                inputs[l] = layers[l].newInput();
                cells[l] = layers[l].newCell();
            }
        }

        void reset(Q16Layer[] layers) {
            for (int l = 0; l < layers.length; l++) {
                layers[l].reset(inputs[l], cells[l]);
            }
        }
    }

    /**
     * An engine whose gate sums use the Vector API ({@link Q16VectorGates}) when the
     * {@code jdk.incubator.vector} module is present (java --add-modules jdk.incubator.vector) and
     * gives at least 2 long lanes, else the scalar ones (also when the system property
     * {@link FloatEngine#KERNEL_PROPERTY} is "reference"). Both give the same bits.
     */
    public Q16Engine(Model model) {
        this(model, vectorGatesAvailable());
    }

    /** An engine with the given gate sums: the Vector API ones only where that module is present. */
    Q16Engine(Model model, boolean vectorGates) {
        this.model = model;
        inputCount = model.inputCount();
        outputCount = model.outputCount();
        window = model.window();
        layers = new Q16Layer[model.layers().size()];
        for (int l = 0; l < layers.length; l++) {
            LstmLayer layer = model.layers().get(l);
            layers[l] = new Q16Layer(layer, model.cellActivation(), model.gateActivation(), vectorGates);
        }
        last = layers[layers.length - 1];
        double[] wy = model.headWeights();
        double[] by = model.headBias();
        headWeights = new int[wy.length];
        for (int k = 0; k < wy.length; k++) {
            headWeights[k] = Q16Conversions.toQ16(wy[k]);
        }
        headBias = new int[outputCount];
        for (int o = 0; o < outputCount; o++) {
            headBias[o] = Q16Conversions.toQ16(by[o]);
        }
        inputMean = new long[inputCount];
        inputScale = new Q16Scale[inputCount];
        for (int k = 0; k < inputCount; k++) {
            InputSpec in = model.inputs().get(k);
            inputMean[k] = Q16Conversions.toQ32x32(in.mean());
            inputScale[k] = Q16Conversions.scaleOf(0x1p-16 / in.std());
        }
        inputClamp = layers[0].inputClamp();
        outputScale = new Q16Scale[outputCount];
        outputMean = new long[outputCount];
        outputBase = new int[outputCount];
        for (int o = 0; o < outputCount; o++) {
            OutputSpec out = model.outputs().get(o);
            outputScale[o] = Q16Conversions.scaleOf(0x1p16 * out.std());
            outputMean[o] = Q16Conversions.toQ32x32(out.mean());
            outputBase[o] = out.baseInput();
        }
        lastRow = new long[inputCount];
        normalizedOutput = new int[outputCount];
        stream = new State(layers);
        windowState = new State(layers);
        normalizedWindow = new int[window * inputCount];
        sequences = new int[layers.length - 1][];
        for (int l = 0; l + 1 < layers.length; l++) {
            sequences[l] = new int[window * layers[l].hiddenSize()];
        }
    }

    /** True when this JVM can run, and is not told to avoid, {@link Q16VectorGates}. */
    static boolean vectorGatesAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"reference".equals(System.getProperty(FloatEngine.KERNEL_PROPERTY))
                && Q16VectorGates.usable(); // Q16VectorGates is loaded only here, where its module exists
    }

    /** The gate sums this engine runs: "scalar", or "vector-Lx64". */
    public String kernelName() {
        return layers[0].gatesName();
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public void predict(float[] window, float[] out) {
        windowState.reset(layers);
        saturated = false;
        for (int t = 0; t < this.window; t++) {
            normalize(window, t * inputCount, normalizedWindow, t * inputCount);
        }
        // layer by layer over the whole window: the same sums as step after step, in another order
        int[] xs = normalizedWindow;
        for (int l = 0; l < layers.length; l++) {
            int[] hs = l + 1 < layers.length ? sequences[l] : null;
            saturated |= layers[l].window(xs, this.window, windowState.inputs[l], windowState.cells[l], hs);
            xs = hs;
        }
        head(windowState, out);
    }

    @Override
    public void step(float[] row, float[] out) {
        saturated = false;
        advance(stream, row, 0);
        head(stream, out);
    }

    @Override
    public void reset() {
        stream.reset(layers);
    }

    @Override
    public boolean saturated() {
        return saturated;
    }

    /** y' (normalized outputs) of the last call, Q16.16 raw, into dst [O]. */
    void normalizedOutputs(int[] dst) {
        System.arraycopy(normalizedOutput, 0, dst, 0, outputCount);
    }

    /** One time step of every layer, in {@code state}, on the raw row at rows[from .. from + I). */
    private void advance(State state, float[] rows, int from) {
        normalize(rows, from, state.inputs[0], 0); // x'_t goes to the first I entries
        for (int l = 0; l < layers.length; l++) {
            int[] next = l + 1 < layers.length ? state.inputs[l + 1] : null;
            saturated |= layers[l].step(state.inputs[l], state.cells[l], next);
        }
    }

    /**
     * x' of the raw row at rows[from .. from + I) into x[at .. at + I), Q16.16, clamped to the
     * first layer's input clamp; the row (Q32.32) is kept as the last row.
     */
    private void normalize(float[] rows, int from, int[] x, int at) {
        for (int k = 0; k < inputCount; k++) {
            float raw = rows[from + k];
            saturated |= !Q16Conversions.inQ32x32Range(raw);
            long q32 = Q16Conversions.toQ32x32(raw); // Q32.32, |.| ≤ 2^62
            lastRow[k] = q32;
            long normalized = inputScale[k].apply(q32 - inputMean[k]); // x' in Q16.16 (in a long)
            if (normalized > inputClamp || normalized < -inputClamp) {
                saturated = true;
                normalized = normalized > 0 ? inputClamp : -inputClamp;
            }
            x[at + k] = (int) normalized;
        }
    }

    /** y' = Wy · h_T + by, then y = y' · std + mean (+ the last raw base input), into out [O]. */
    private void head(State state, float[] out) {
        int hidden = last.hiddenSize();
        int[] h = state.inputs[layers.length - 1]; // h_T at last.hiddenOffset()
        for (int o = 0; o < outputCount; o++) {
            // Q32.32; |h| ≤ 1 and H ≤ 4096 keep it below 2^60
            long acc = Q16Dot.widen(headBias[o]) + Q16Dot.dot(headWeights, o * hidden, h, last.hiddenOffset(), hidden);
            long rounded = Q16.roundShift(acc, Q16.FRACTION_BITS);
            saturated |= !Q16.fits(rounded);
            int yNormalized = Q16.saturate(rounded);
            normalizedOutput[o] = yNormalized;
            long y = outputScale[o].apply(yNormalized); // Q32.32
            y = Q16.addSaturating(y, outputMean[o]);
            if (outputBase[o] >= 0) {
                y = Q16.addSaturating(y, lastRow[outputBase[o]]);
            }
            saturated |= y == Long.MAX_VALUE || y == Long.MIN_VALUE;
            out[o] = Q16Conversions.fromQ32x32(y);
        }
    }
}
