package io.nowcast.trainer.nn;

/**
 * Wᵀ and Uᵀ of every layer, copied out of θ after each update so that the forward products
 * x·Wᵀ and h·Uᵀ run along contiguous rows of 4H gate values.
 */
public final class TransposedWeights {
    final float[][] wt; // [l] Wᵀ [n][4H], row-major
    final float[][] ut; // [l] Uᵀ [H][4H], row-major
    private final LstmShape shape;

    public TransposedWeights(LstmShape shape) {
        this.shape = shape;
        wt = new float[shape.layers()][];
        ut = new float[shape.layers()][];
        for (int l = 0; l < shape.layers(); l++) {
            int g = LstmShape.GATES * shape.hidden(l);
            wt[l] = new float[shape.inputSize(l) * g];
            ut[l] = new float[shape.hidden(l) * g];
        }
    }

    /** Copies from θ. */
    public void refresh(float[] theta) {
        for (int l = 0; l < shape.layers(); l++) {
            int g = LstmShape.GATES * shape.hidden(l);
            MatMul.transpose(theta, shape.offW(l), g, shape.inputSize(l), wt[l]);
            MatMul.transpose(theta, shape.offU(l), g, shape.hidden(l), ut[l]);
        }
    }
}
