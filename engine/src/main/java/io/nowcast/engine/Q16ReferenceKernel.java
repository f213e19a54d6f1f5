package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.fixedpoint.Q16Isru;
import io.nowcast.fixedpoint.Q16Tanh;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;

/**
 * The plain Q16.16 kernel, written straight from the equations: the gate sums column by column
 * over the column-major W and U, all 4H sums advancing together ({@link Q16Dot#multiplyColumns}
 * where the vectors start at index 0; C2 vectorizes these loops by itself), then {@link #unit} for
 * every unit. The yardstick the Vector API kernel must match bit for bit, and what runs where the
 * Vector API is absent.
 */
final class Q16ReferenceKernel implements Q16Kernel {
    private final Q16Layer[] layers;
    private final boolean isruCell; // φ: ISRU, else tanh
    private final boolean isruGate; // σ: ISRU-sigmoid, else logistic

    Q16ReferenceKernel(Q16Layer[] layers, CellActivation cell, GateActivation gate) {
        this.layers = layers.clone();
        isruCell = cell == CellActivation.ISRU;
        isruGate = gate == GateActivation.ISRU_SIGMOID;
    }

    @Override
    public void inputGates(int layer, int[] xs, int count, long[] half) {
        Q16Layer q = layers[layer];
        int n = q.inputSize;
        for (int t = 0; t < count; t++) {
            int z = t * q.rows; // step t's z [4H], Q32.32
            System.arraycopy(q.bias, 0, half, z, q.rows); // z = b
            for (int k = 0; k < n; k++) { // z += x_k · W[·][k] (x_t and z at offsets: by hand)
                long x = xs[t * n + k];
                int column = k * q.rows;
                for (int r = 0; r < q.rows; r++) {
                    half[z + r] += q.inputColumns[column + r] * x;
                }
            }
        }
    }

    @Override
    public void recurrentGates(int layer, long[] half, int t, int[] h, long[] sums) {
        Q16Layer q = layers[layer];
        System.arraycopy(half, t * q.rows, sums, 0, q.rows); // z = b + W·x_t, Q32.32
        Q16Dot.multiplyColumns(sums, q.recurrentColumns, q.rows, h, q.hiddenSize); // z += U · h_{t-1}
    }

    @Override
    public void gates(int layer, int[] x, int[] h, long[] sums) {
        Q16Layer q = layers[layer];
        System.arraycopy(q.bias, 0, sums, 0, q.rows); // z = b, Q32.32
        Q16Dot.multiplyColumns(sums, q.inputColumns, q.rows, x, q.inputSize); // z += W · x_t
        Q16Dot.multiplyColumns(sums, q.recurrentColumns, q.rows, h, q.hiddenSize); // z += U · h_{t-1}
    }

    @Override
    public boolean cells(int layer, long[] sums, int[] h, int[] cell, int[] scratch) {
        Q16Layer q = layers[layer];
        boolean clipped = false;
        for (int j = 0; j < q.hiddenSize; j++) {
            clipped |= unit(sums, q.hiddenSize, j, h, cell, isruCell, isruGate);
        }
        return clipped;
    }

    /**
     * The cell and output of unit j: i, f, o = σ(z), g = φ(z), c = f·c + i·g, h = o·φ(c); writes c
     * to cell[j] and h to h[j]. Also the Vector API kernel's path for the units it does not take L
     * at a time.
     *
     * @param sums gate sums, Q32.32: gate g of unit j at sums[g·stride + j], gates in Gate order
     * @param h [H], Q16.16
     * @param cell c [H], Q16.16
     * @return true when c had to be clipped to Q16.16's range
     */
    static boolean unit(long[] sums, int stride, int j, int[] h, int[] cell, boolean isruCell, boolean isruGate) {
        int i = sigma(Q16Dot.toQ16(sums[j]), isruGate); // [0, 1], Q16.16
        int f = sigma(Q16Dot.toQ16(sums[stride + j]), isruGate); // [0, 1], Q16.16
        int g = phi(Q16Dot.toQ16(sums[2 * stride + j]), isruCell); // [-1, 1], Q16.16
        int o = sigma(Q16Dot.toQ16(sums[3 * stride + j]), isruGate); // [0, 1], Q16.16
        // c = f·c + i·g: two exact Q32.32 products, one rounding to Q16.16 (|sum| < 2^48)
        long c = Q16.roundShift((long) f * cell[j] + (long) i * g, Q16.FRACTION_BITS);
        cell[j] = Q16.saturate(c);
        h[j] = Q16.mul(o, phi(cell[j], isruCell)); // [-1, 1], Q16.16
        return !Q16.fits(c);
    }

    private static int sigma(int z, boolean isruGate) {
        return isruGate ? Q16Isru.isruSigmoid(z) : Q16Tanh.sigmoid(z);
    }

    private static int phi(int z, boolean isruCell) {
        return isruCell ? Q16Isru.isru(z) : Q16Tanh.tanh(z);
    }

    @Override
    public int stride(int layer) {
        return layers[layer].hiddenSize;
    }

    @Override
    public int scratchLength() {
        return 0;
    }

    @Override
    public String name() {
        return "reference";
    }
}
