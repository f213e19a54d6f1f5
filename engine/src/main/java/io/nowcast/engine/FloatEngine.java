package io.nowcast.engine;

import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;

/**
 * The float32 engine: normalizes raw inputs, runs the LSTM layers in a {@link FloatKernel}, applies
 * the dense head and denormalizes (adding the last raw value of the base input for delta
 * outputs), all in float32. Every buffer is allocated here, once; {@link #predict}, {@link #step}
 * and {@link #reset} allocate nothing. A window ({@link #predict}) runs in its own state, so it
 * leaves the streaming state of {@link #step} as it was. Not thread-safe.
 */
public final class FloatEngine implements Engine {
    private final Model model;
    private final FloatKernel kernel;
    private final int inputCount; // I
    private final int lastHidden; // H_{L-1}
    private final float[] inputMean; // [I]
    private final float[] inputStd; // [I]
    private final float[] headWeights; // Wy [O][H_{L-1}], row-major
    private final float[] headBias; // by [O]
    private final float[] outputMean; // [O]
    private final float[] outputStd; // [O]
    private final int[] baseInput; // [O]: index of the input a delta output adds to, or -1
    private final float[] normalizedWindow; // x' [T][I], row-major
    private final float[] normalizedRow; // x' [I]

    /** An engine with the fastest kernel this JVM can run ({@link KernelChoice#FASTEST}). */
    public FloatEngine(Model model) {
        this(model, KernelChoice.FASTEST);
    }

    /**
     * An engine with the given kernel: for {@link KernelChoice#FASTEST} the Vector API kernel where
     * this JVM compiles the Vector API ({@code KernelChoice.Platform}) and it gives at least 4 float
     * lanes, else the reference kernel.
     */
    public FloatEngine(Model model, KernelChoice kernel) {
        this.model = model;
        this.kernel = chooseKernel(model, kernel);
        inputCount = model.inputCount();
        lastHidden = model.lastHiddenSize();
        inputMean = new float[inputCount];
        inputStd = new float[inputCount];
        for (int k = 0; k < inputCount; k++) {
            InputSpec in = model.inputs().get(k);
            inputMean[k] = in.mean();
            inputStd[k] = in.std();
        }
        int outputs = model.outputCount();
        headWeights = toFloat(model.headWeights());
        headBias = toFloat(model.headBias());
        outputMean = new float[outputs];
        outputStd = new float[outputs];
        baseInput = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            OutputSpec out = model.outputs().get(o);
            outputMean[o] = out.mean();
            outputStd[o] = out.std();
            baseInput[o] = out.baseInput();
        }
        normalizedWindow = new float[model.window() * inputCount];
        normalizedRow = new float[inputCount];
    }

    private static FloatKernel chooseKernel(Model model, KernelChoice choice) {
        if (choice.vectorApi() && VectorKernel.usable()) {
            return VectorKernel.create(model); // VectorKernel is loaded only here, where its module exists
        }
        return new ReferenceKernel(model);
    }

    /** The kernel this engine runs: "reference", or the fast kernel's name. */
    public String kernelName() {
        return kernel.name();
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public void predict(float[] window, float[] out) {
        normalize(window, normalizedWindow.length, normalizedWindow);
        float[] h = kernel.window(normalizedWindow);
        head(h, window, normalizedWindow.length - inputCount, out);
    }

    @Override
    public void step(float[] row, float[] out) {
        normalize(row, inputCount, normalizedRow);
        float[] h = kernel.step(normalizedRow);
        head(h, row, 0, out);
    }

    @Override
    public void reset() {
        kernel.reset();
    }

    /** x'[t·I + k] = (x[t·I + k] - mean_k) / std_k for the first {@code count} values. */
    private void normalize(float[] raw, int count, float[] normalized) {
        for (int t = 0; t < count; t += inputCount) {
            for (int k = 0; k < inputCount; k++) {
                normalized[t + k] = (raw[t + k] - inputMean[k]) / inputStd[k];
            }
        }
    }

    /** y = (Wy · h + by) · std + mean (+ raw[lastRow + baseInput] for a delta output). */
    private void head(float[] h, float[] raw, int lastRow, float[] out) {
        for (int o = 0; o < headBias.length; o++) {
            float s = headBias[o];
            int row = o * lastHidden;
            for (int j = 0; j < lastHidden; j++) {
                s += headWeights[row + j] * h[j];
            }
            float y = s * outputStd[o] + outputMean[o];
            if (baseInput[o] >= 0) {
                y += raw[lastRow + baseInput[o]];
            }
            out[o] = y;
        }
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            f[k] = (float) values[k];
        }
        return f;
    }
}
