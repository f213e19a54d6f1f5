package io.nowcast.trainer.nn;

import java.util.Arrays;

/**
 * Forward pass and backpropagation through time of a stacked LSTM with a dense head on the last
 * step, for a chunk of B windows at once. Equations (per layer, per step; ⊙ element-wise):
 * <pre>
 *   z = W·x_t + U·h_{t-1} + b       i,f,o = σ(z_i,z_f,z_o)   g = φ(z_g)
 *   c_t = f⊙c_{t-1} + i⊙g           h_t = o⊙φ(c_t)            y = Wy·h_T + by
 * </pre>
 * The input-to-gate products of all T·B rows of a layer are one matrix product; only h·Uᵀ has to
 * go step by step. In backward, the weight gradients of all steps are again one product each.
 */
public final class LstmNetwork {
    private final LstmShape shape;
    private final ActivationPair activations;
    private final int window; // T

    public LstmNetwork(LstmShape shape, ActivationPair activations, int window) {
        this.shape = shape;
        this.activations = activations;
        this.window = window;
    }

    public LstmShape shape() {
        return shape;
    }

    public ActivationPair activations() {
        return activations;
    }

    public int window() {
        return window;
    }

    /** Runs B windows from {@code ws.input()} to {@code ws.output()}. */
    public void forward(float[] theta, TransposedWeights tw, Workspace ws, int batch) {
        int rows = window * batch;
        float[] in = ws.x;
        for (int l = 0; l < shape.layers(); l++) {
            int n = shape.inputSize(l);
            int hl = shape.hidden(l);
            int g = LstmShape.GATES * hl;
            float[] z = ws.z[l];
            float[] zs = ws.slope[l];
            float[] c = ws.c[l];
            float[] pc = ws.phiC[l];
            float[] pcs = ws.phiSlope[l];
            float[] h = ws.h[l];
            int bOff = shape.offB(l);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(theta, bOff, z, r * g, g);
            }
            MatMul.addAB(in, 0, n, tw.wt[l], 0, g, z, 0, g, rows, n, g); // z[TB][4H] += x[TB][n]·Wᵀ[n][4H]
            for (int t = 0; t < window; t++) {
                int row0 = t * batch;
                if (t > 0) { // z_t[B][4H] += h_{t-1}[B][H]·Uᵀ[H][4H]
                    MatMul.addAB(h, (row0 - batch) * hl, hl, tw.ut[l], 0, g, z, row0 * g, g, batch, hl, g);
                }
                for (int b = 0; b < batch; b++) {
                    int zo = (row0 + b) * g;
                    activations.gateInPlace(z, zs, zo, zo + 2 * hl); // i, f
                    activations.cellInPlace(z, zs, zo + 2 * hl, zo + 3 * hl); // g
                    activations.gateInPlace(z, zs, zo + 3 * hl, zo + g); // o
                    int so = (row0 + b) * hl;
                    int prev = so - batch * hl;
                    for (int j = 0; j < hl; j++) {
                        float cPrev = t > 0 ? c[prev + j] : 0f;
                        c[so + j] = z[zo + hl + j] * cPrev + z[zo + j] * z[zo + 2 * hl + j];
                    }
                    System.arraycopy(c, so, pc, so, hl);
                    activations.cellInPlace(pc, pcs, so, so + hl);
                    for (int j = 0; j < hl; j++) {
                        h[so + j] = z[zo + 3 * hl + j] * pc[so + j];
                    }
                }
            }
            in = h;
        }
        int hLast = shape.lastHidden();
        int outputs = shape.outputCount();
        float[] hTop = ws.h[shape.layers() - 1];
        int lastRow0 = (window - 1) * batch;
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                float acc = theta[shape.offHeadB() + o];
                int wRow = shape.offHeadW() + o * hLast;
                int hRow = (lastRow0 + b) * hLast;
                for (int k = 0; k < hLast; k++) {
                    acc += theta[wRow + k] * hTop[hRow + k];
                }
                ws.y[b * outputs + o] = acc;
            }
        }
    }

    /** h_T of the last layer for window b of the last forward pass of B = {@code batch} windows, into out [H]. */
    public void lastHidden(Workspace ws, int batch, int b, double[] out) {
        int hLast = shape.lastHidden();
        int row = ((window - 1) * batch + b) * hLast;
        float[] h = ws.h[shape.layers() - 1];
        for (int k = 0; k < hLast; k++) {
            out[k] = h[row + k];
        }
    }

    /**
     * Forward, then the gradient of {@code scale · Σ (y − target)²} into {@code ws.grad} (overwritten).
     *
     * @param targets [B][O], normalized
     * @return Σ (y − target)² over the chunk
     */
    public double lossAndGradient(float[] theta, TransposedWeights tw, Workspace ws, int batch, float[] targets,
            float scale) {
        forward(theta, tw, ws, batch);
        int outputs = shape.outputCount();
        double sse = 0;
        for (int i = 0; i < batch * outputs; i++) {
            float e = ws.y[i] - targets[i];
            sse += (double) e * e;
            ws.dy[i] = 2f * scale * e;
        }
        backward(theta, ws, batch);
        return sse;
    }

    private void backward(float[] theta, Workspace ws, int batch) {
        float[] grad = ws.grad;
        Arrays.fill(grad, 0f);
        int rows = window * batch;
        int top = shape.layers() - 1;
        int hLast = shape.lastHidden();
        int outputs = shape.outputCount();
        float[] dhTop = ws.dh[top];
        Arrays.fill(dhTop, 0, rows * hLast, 0f);
        int lastRow0 = (window - 1) * batch;
        for (int b = 0; b < batch; b++) {
            int hRow = (lastRow0 + b) * hLast;
            for (int o = 0; o < outputs; o++) {
                float d = ws.dy[b * outputs + o];
                grad[shape.offHeadB() + o] += d;
                MatMul.axpy(d, ws.h[top], hRow, grad, shape.offHeadW() + o * hLast, hLast); // dWy[o] += dy·h_T
                MatMul.axpy(d, theta, shape.offHeadW() + o * hLast, dhTop, hRow, hLast); // dh_T += dy·Wy[o]
            }
        }
        for (int l = top; l >= 0; l--) {
            backwardLayer(theta, ws, batch, l);
        }
    }

    private void backwardLayer(float[] theta, Workspace ws, int batch, int l) {
        int n = shape.inputSize(l);
        int hl = shape.hidden(l);
        int g = LstmShape.GATES * hl;
        int rows = window * batch;
        float[] z = ws.z[l]; // gate values in, ∂loss/∂z out
        float[] zs = ws.slope[l];
        float[] c = ws.c[l];
        float[] pc = ws.phiC[l];
        float[] pcs = ws.phiSlope[l];
        float[] dh = ws.dh[l];
        float[] dhRec = ws.dhRecurrent;
        float[] dcCarry = ws.dcCarry;
        Arrays.fill(dhRec, 0, batch * hl, 0f);
        Arrays.fill(dcCarry, 0, batch * hl, 0f);
        for (int t = window - 1; t >= 0; t--) {
            int row0 = t * batch;
            for (int b = 0; b < batch; b++) {
                int zo = (row0 + b) * g;
                int so = (row0 + b) * hl;
                int prev = so - batch * hl;
                int ro = b * hl;
                for (int j = 0; j < hl; j++) {
                    float gi = z[zo + j];
                    float gf = z[zo + hl + j];
                    float gg = z[zo + 2 * hl + j];
                    float go = z[zo + 3 * hl + j];
                    float dht = dh[so + j] + dhRec[ro + j];
                    float phic = pc[so + j];
                    float dc = dcCarry[ro + j] + dht * go * pcs[so + j];
                    float cPrev = t > 0 ? c[prev + j] : 0f;
                    z[zo + j] = dc * gg * zs[zo + j];
                    z[zo + hl + j] = dc * cPrev * zs[zo + hl + j];
                    z[zo + 2 * hl + j] = dc * gi * zs[zo + 2 * hl + j];
                    z[zo + 3 * hl + j] = dht * phic * zs[zo + 3 * hl + j];
                    dcCarry[ro + j] = dc * gf;
                }
            }
            if (t > 0) { // dh_{t-1}[B][H] = dz_t[B][4H]·U[4H][H]
                Arrays.fill(dhRec, 0, batch * hl, 0f);
                MatMul.addAB(z, row0 * g, g, theta, shape.offU(l), hl, dhRec, 0, hl, batch, g, hl);
            }
        }
        float[] grad = ws.grad;
        float[] in = l == 0 ? ws.x : ws.h[l - 1];
        // dW[4H][n] += dzᵀ[4H][TB]·x[TB][n];  dU[4H][H] += Σ_{t≥1} dz_tᵀ·h_{t-1};  db += Σ dz
        MatMul.addATB(z, 0, g, in, 0, n, grad, shape.offW(l), n, rows, g, n);
        MatMul.addATB(z, batch * g, g, ws.h[l], 0, hl, grad, shape.offU(l), hl, rows - batch, g, hl);
        for (int r = 0; r < rows; r++) {
            MatMul.axpy(1f, z, r * g, grad, shape.offB(l), g);
        }
        if (l > 0) { // ∂loss/∂x[TB][n] = dz[TB][4H]·W[4H][n], the layer below's dh
            float[] dhBelow = ws.dh[l - 1];
            Arrays.fill(dhBelow, 0, rows * n, 0f);
            MatMul.addAB(z, 0, g, theta, shape.offW(l), n, dhBelow, 0, n, rows, g, n);
        }
    }
}
