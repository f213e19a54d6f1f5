package io.nowcast.trainer.nn;

/**
 * Everything one chunk of B windows needs for a forward and backward pass, allocated once. All
 * sequence buffers are time-major: row t·B + b holds window b at step t.
 */
public final class Workspace {
    final float[] x; // layer-0 input [T][B][I], normalized
    final float[][] z; // [l] gate values [T][B][4H]: pre-activations, then i f g o, then their gradients
    final float[][] slope; // [l] σ' or φ' of each gate value [T][B][4H]
    final float[][] c; // [l] cell state [T][B][H]
    final float[][] phiC; // [l] φ(c) [T][B][H]
    final float[][] phiSlope; // [l] φ'(c) [T][B][H]
    final float[][] h; // [l] hidden state [T][B][H]
    final float[][] dh; // [l] ∂loss/∂h from above [T][B][H]
    final float[] dhRecurrent; // [B][H_max] ∂loss/∂h_{t} through step t+1
    final float[] dcCarry; // [B][H_max] ∂loss/∂c_{t} through step t+1
    final float[] y; // [B][O] outputs, normalized
    final float[] dy; // [B][O]
    /** ∂loss/∂θ of this chunk, θ's layout. */
    public final float[] grad;

    public Workspace(LstmShape shape, int window, int capacity) {
        int layers = shape.layers();
        int rows = window * capacity;
        x = new float[rows * shape.inputCount()];
        z = new float[layers][];
        slope = new float[layers][];
        phiSlope = new float[layers][];
        c = new float[layers][];
        phiC = new float[layers][];
        h = new float[layers][];
        dh = new float[layers][];
        int maxH = 0;
        for (int l = 0; l < layers; l++) {
            int hl = shape.hidden(l);
            maxH = Math.max(maxH, hl);
            z[l] = new float[rows * LstmShape.GATES * hl];
            slope[l] = new float[rows * LstmShape.GATES * hl];
            phiSlope[l] = new float[rows * hl];
            c[l] = new float[rows * hl];
            phiC[l] = new float[rows * hl];
            h[l] = new float[rows * hl];
            dh[l] = new float[rows * hl];
        }
        dhRecurrent = new float[capacity * maxH];
        dcCarry = new float[capacity * maxH];
        y = new float[capacity * shape.outputCount()];
        dy = new float[capacity * shape.outputCount()];
        grad = new float[shape.size()];
    }

    /** The layer-0 input buffer, [T][B][I] time-major, for the caller to fill. */
    public float[] input() {
        return x;
    }

    /** The outputs of the last forward pass, [B][O]. */
    public float[] output() {
        return y;
    }
}
