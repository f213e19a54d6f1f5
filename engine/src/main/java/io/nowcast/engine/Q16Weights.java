package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16Conversions;
import io.nowcast.fixedpoint.Q16Scale;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;

/**
 * Everything of a model that the Q16 engine reads and never writes, converted once from the model's
 * numbers: the layers (in the layout of the kernel chosen here), the input normalization, the head
 * and the output scaling. Immutable: any number of {@link Q16Engine}s, on any threads, may share
 * one ({@link Q16Engine#Q16Engine(Q16Weights)}); each keeps its own state.
 *
 * <p>The conversions (docs/fixedpoint.md): weights and biases become Q16.16 (|w| ≥ 32768
 * saturates); each input's mean becomes Q32.32 and its 1/std an integer {@link Q16Scale} (31
 * significant bits: a Q16.16 1/std would lose up to 3e-4 of x' for stds like 20); each output's
 * std and mean likewise. Only the constructor reads the model's floats and doubles.
 */
public final class Q16Weights {
    final Model model;
    final Q16Kernel kernel; // the LSTM layers, in the kernel's own layout
    final int[] hiddenSizes; // H_l [L]
    final long[] inputMean; // [I], Q32.32
    final Q16Scale[] inputScale; // [I]: (Q32.32 x - mean) → Q16.16 x', factor 2^-16 / std
    final int inputClamp; // |x'| limit, Q16.16 raw: the first layer's (Q16Layer.inputClamp)
    final int[] headWeights; // Wy [O][H_{L-1}], row-major, Q16.16
    final int[] headBias; // by [O], Q16.16
    final Q16Scale[] outputScale; // [O]: Q16.16 y' → Q32.32 y' · std, factor 2^16 · std
    final long[] outputMean; // [O], Q32.32
    final int[] outputBase; // [O]: the input a change adds to (baseInput), or -1

    /**
     * The model's numbers in fixed point, with the layers laid out for {@code kernel}: for
     * {@link KernelChoice#FASTEST} the Vector API kernel where this JVM compiles the Vector API
     * ({@code KernelChoice.Platform}) and it gives at least 4 long lanes
     * ({@code Q16VectorKernel.usable}), else the reference kernel. Both give the same bits.
     */
    public Q16Weights(Model model, KernelChoice kernel) {
        this.model = model;
        int layerCount = model.layers().size();
        Q16Layer[] layers = new Q16Layer[layerCount];
        hiddenSizes = new int[layerCount];
        for (int l = 0; l < layerCount; l++) {
            layers[l] = Q16Layer.of(model.layers().get(l));
            hiddenSizes[l] = layers[l].hiddenSize;
        }
        this.kernel = chooseKernel(model, layers, kernel);
        inputClamp = layers[0].inputClamp;
        int inputs = model.inputCount();
        inputMean = new long[inputs];
        inputScale = new Q16Scale[inputs];
        for (int k = 0; k < inputs; k++) {
            InputSpec in = model.inputs().get(k);
            inputMean[k] = Q16Conversions.toQ32x32(in.mean());
            inputScale[k] = Q16Conversions.scaleOf(0x1p-16 / in.std());
        }
        double[] wy = model.headWeights();
        double[] by = model.headBias();
        headWeights = new int[wy.length];
        for (int k = 0; k < wy.length; k++) {
            headWeights[k] = Q16Conversions.toQ16(wy[k]);
        }
        int outputs = model.outputCount();
        headBias = new int[outputs];
        outputScale = new Q16Scale[outputs];
        outputMean = new long[outputs];
        outputBase = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            OutputSpec out = model.outputs().get(o);
            headBias[o] = Q16Conversions.toQ16(by[o]);
            outputScale[o] = Q16Conversions.scaleOf(0x1p16 * out.std());
            outputMean[o] = Q16Conversions.toQ32x32(out.mean());
            outputBase[o] = out.baseInput();
        }
    }

    private static Q16Kernel chooseKernel(Model model, Q16Layer[] layers, KernelChoice choice) {
        if (choice.vectorApi() && Q16VectorKernel.usable()) {
            // Q16VectorKernel is loaded only here, where its module exists
            return Q16VectorKernel.create(layers, model.cellActivation(), model.gateActivation());
        }
        return new Q16ReferenceKernel(layers, model.cellActivation(), model.gateActivation());
    }

    /** The model these weights come from. */
    public Model model() {
        return model;
    }

    /** The kernel the layers are laid out for: "reference", or "vector-Lx64". */
    public String kernelName() {
        return kernel.name();
    }
}
