package io.nowcast.engine.model;

/** Element-wise helpers on the model's double tensors. */
final class Tensors {
    private Tensors() {
    }

    static double[] quantize(double[] values, WeightType type) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = type.quantize(values[i]);
        }
        return out;
    }
}
