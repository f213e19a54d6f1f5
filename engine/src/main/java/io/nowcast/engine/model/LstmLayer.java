package io.nowcast.engine.model;

import java.util.Arrays;

/**
 * The weights of one LSTM layer, immutable, values exactly as the model's weight type stores them.
 * Within every 4H block the gates come in the order of {@link Gate}: i, f, g, o.
 */
public final class LstmLayer {
    private final int inputSize; // n: I for layer 0, else the previous layer's H
    private final int hiddenSize; // H
    private final double[] inputWeights; // W [4H][n], row-major
    private final double[] recurrentWeights; // U [4H][H], row-major
    private final double[] bias; // b [4H]

    /**
     * @param inputWeights W [4H][n], row-major
     * @param recurrentWeights U [4H][H], row-major
     * @param bias b [4H]
     */
    public LstmLayer(int inputSize, int hiddenSize, double[] inputWeights, double[] recurrentWeights, double[] bias) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("layer sizes must be positive: n=" + inputSize + " H=" + hiddenSize);
        }
        int rows = Gate.COUNT * hiddenSize;
        requireLength("W", inputWeights, (long) rows * inputSize);
        requireLength("U", recurrentWeights, (long) rows * hiddenSize);
        requireLength("b", bias, rows);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.inputWeights = inputWeights.clone();
        this.recurrentWeights = recurrentWeights.clone();
        this.bias = bias.clone();
    }

    private static void requireLength(String name, double[] a, long expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, expected " + expected);
        }
    }

    /** A copy whose every value is rounded to what {@code type} can store. */
    LstmLayer quantized(WeightType type) {
        return new LstmLayer(inputSize, hiddenSize, Tensors.quantize(inputWeights, type),
                Tensors.quantize(recurrentWeights, type), Tensors.quantize(bias, type));
    }

    /** n, the width of this layer's input. */
    public int inputSize() {
        return inputSize;
    }

    /** H, the width of this layer's hidden state. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** A copy of W [4H][n], row-major. */
    public double[] inputWeights() {
        return inputWeights.clone();
    }

    /** A copy of U [4H][H], row-major. */
    public double[] recurrentWeights() {
        return recurrentWeights.clone();
    }

    /** A copy of b [4H]. */
    public double[] bias() {
        return bias.clone();
    }

    /** W, U and b in the file's order, without copying (for the writer). */
    double[][] tensorsInFileOrder() {
        return new double[][] {inputWeights, recurrentWeights, bias};
    }

    /** Number of parameters: 4H·(n + H + 1). */
    public long parameterCount() {
        return (long) Gate.COUNT * hiddenSize * (inputSize + hiddenSize + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmLayer l && l.inputSize == inputSize && l.hiddenSize == hiddenSize
                && Arrays.equals(l.inputWeights, inputWeights) && Arrays.equals(l.recurrentWeights, recurrentWeights)
                && Arrays.equals(l.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputWeights) + Arrays.hashCode(recurrentWeights)) + Arrays.hashCode(bias);
    }
}
