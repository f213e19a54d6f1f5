package io.nowcast.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained LSTM forecaster as an {@code .ncm} file carries it: shape, input and output scaling,
 * weights. Immutable. Every weight is held as a double rounded to what {@link #weightType()} can
 * store, so that writing a model and reading it back gives an equal model.
 *
 * <p>The limits of the file format (ncm-format-v1) are checked here, for models built in code as
 * much as for models read from files.
 */
public final class Model {
    public static final int MAX_INPUTS = 4096;
    public static final int MAX_OUTPUTS = 4096;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_HIDDEN = 4096;
    public static final int MAX_WINDOW = 100_000;

    private final WeightType weightType;
    private final CellActivation cellActivation;
    private final GateActivation gateActivation;
    private final int window; // T, time steps per inference window
    private final long intervalSeconds; // seconds between two steps, u32 in the file
    private final List<InputSpec> inputs; // I
    private final List<OutputSpec> outputs; // O
    private final String description;
    private final List<LstmLayer> layers; // L
    private final double[] headWeights; // Wy [O][H_{L-1}], row-major
    private final double[] headBias; // by [O]

    public Model(WeightType weightType, CellActivation cellActivation, GateActivation gateActivation,
            int window, long intervalSeconds, List<InputSpec> inputs, List<OutputSpec> outputs,
            String description, List<LstmLayer> layers, double[] headWeights, double[] headBias) {
        this.weightType = Objects.requireNonNull(weightType, "weightType");
        this.cellActivation = Objects.requireNonNull(cellActivation, "cellActivation");
        this.gateActivation = Objects.requireNonNull(gateActivation, "gateActivation");
        this.description = Objects.requireNonNull(description, "description");
        requireRange("window", window, 1, MAX_WINDOW);
        requireRange("intervalSeconds", intervalSeconds, 1, 0xFFFF_FFFFL);
        requireRange("inputCount", inputs.size(), 1, MAX_INPUTS);
        requireRange("outputCount", outputs.size(), 1, MAX_OUTPUTS);
        requireRange("layerCount", layers.size(), 1, MAX_LAYERS);
        this.window = window;
        this.intervalSeconds = intervalSeconds;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OutputSpec o : this.outputs) {
            if (o.baseInput() >= this.inputs.size()) {
                throw new IllegalArgumentException("output " + o.name() + ": baseInput " + o.baseInput()
                        + " is not an input index (0.." + (this.inputs.size() - 1) + ")");
            }
        }
        int expectedInput = this.inputs.size();
        LstmLayer[] quantized = new LstmLayer[layers.size()];
        for (int l = 0; l < quantized.length; l++) {
            LstmLayer layer = layers.get(l);
            requireRange("hidden size of layer " + l, layer.hiddenSize(), 1, MAX_HIDDEN);
            if (layer.inputSize() != expectedInput) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.inputSize()
                        + " inputs, expected " + expectedInput);
            }
            quantized[l] = layer.quantized(weightType);
            expectedInput = layer.hiddenSize();
        }
        this.layers = List.of(quantized);
        if (headWeights.length != (long) this.outputs.size() * expectedInput || headBias.length != this.outputs.size()) {
            throw new IllegalArgumentException("dense head is " + headWeights.length + " + " + headBias.length
                    + " values, expected [" + this.outputs.size() + "][" + expectedInput + "] + [" + this.outputs.size() + "]");
        }
        this.headWeights = Tensors.quantize(headWeights, weightType);
        this.headBias = Tensors.quantize(headBias, weightType);
    }

    private static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " is " + value + ", allowed " + min + ".." + max);
        }
    }

    public WeightType weightType() {
        return weightType;
    }

    public CellActivation cellActivation() {
        return cellActivation;
    }

    public GateActivation gateActivation() {
        return gateActivation;
    }

    /** T, the number of time steps in one inference window. */
    public int window() {
        return window;
    }

    public long intervalSeconds() {
        return intervalSeconds;
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    public List<OutputSpec> outputs() {
        return outputs;
    }

    public String description() {
        return description;
    }

    public List<LstmLayer> layers() {
        return layers;
    }

    /** I. */
    public int inputCount() {
        return inputs.size();
    }

    /** O. */
    public int outputCount() {
        return outputs.size();
    }

    /** H of the last layer: the width of the dense head's input. */
    public int lastHiddenSize() {
        return layers.get(layers.size() - 1).hiddenSize();
    }

    /** A copy of Wy [O][H_{L-1}], row-major. */
    public double[] headWeights() {
        return headWeights.clone();
    }

    /** A copy of by [O]. */
    public double[] headBias() {
        return headBias.clone();
    }

    double[] headWeightsUnsafe() {
        return headWeights;
    }

    double[] headBiasUnsafe() {
        return headBias;
    }

    /** Weights and biases of all layers and the head. */
    public long parameterCount() {
        long n = (long) outputs.size() * (lastHiddenSize() + 1);
        for (LstmLayer layer : layers) {
            n += layer.parameterCount();
        }
        return n;
    }

    /** Index of the input with this name, or -1. */
    public int inputIndex(String name) {
        for (int k = 0; k < inputs.size(); k++) {
            if (inputs.get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && m.weightType == weightType && m.cellActivation == cellActivation
                && m.gateActivation == gateActivation && m.window == window && m.intervalSeconds == intervalSeconds
                && m.inputs.equals(inputs) && m.outputs.equals(outputs) && m.description.equals(description)
                && m.layers.equals(layers) && Arrays.equals(m.headWeights, headWeights)
                && Arrays.equals(m.headBias, headBias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weightType, cellActivation, gateActivation, window, intervalSeconds, inputs, outputs,
                description, layers, Arrays.hashCode(headWeights));
    }

    @Override
    public String toString() {
        return "Model[" + weightType + ", " + cellActivation + "/" + gateActivation + ", I=" + inputCount()
                + ", H=" + layers.stream().map(l -> String.valueOf(l.hiddenSize())).toList() + ", O=" + outputCount()
                + ", T=" + window + ", interval=" + intervalSeconds + "s]";
    }
}
