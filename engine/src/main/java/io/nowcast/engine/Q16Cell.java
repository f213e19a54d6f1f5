package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.fixedpoint.Q16Isru;
import io.nowcast.fixedpoint.Q16Tanh;

/**
 * The scalar update of one LSTM unit from its four gate sums, in Q16.16: the reference that
 * {@link Q16VectorCells} must match bit for bit. Integer-only, allocation-free.
 */
final class Q16Cell {
    private Q16Cell() {
    }

    /**
     * Unit j: i, f, o = σ(z), g = φ(z), c = f·c + i·g, h = o·φ(c); writes c to cellState[j] and h to
     * input[inputSize + j].
     *
     * @param sums gate sums, Q32.32: gate g of unit j at sums[g · stride + j], gates in Gate order
     * @return true when c had to be clipped to Q16.16's range
     */
    static boolean update(long[] sums, int stride, int j, int[] input, int inputSize, int[] cellState,
            boolean isruCell, boolean isruGate) {
        int i = sigma(Q16Dot.toQ16(sums[j]), isruGate); // [0, 1]
        int f = sigma(Q16Dot.toQ16(sums[stride + j]), isruGate); // [0, 1]
        int g = phi(Q16Dot.toQ16(sums[2 * stride + j]), isruCell); // [-1, 1]
        int o = sigma(Q16Dot.toQ16(sums[3 * stride + j]), isruGate); // [0, 1]
        // c = f·c + i·g: two exact Q32.32 products, one rounding (|sum| < 2^48)
        long c = Q16.roundShift((long) f * cellState[j] + (long) i * g, Q16.FRACTION_BITS);
        cellState[j] = Q16.saturate(c);
        input[inputSize + j] = Q16.mul(o, phi(cellState[j], isruCell)); // [-1, 1]
        return !Q16.fits(c);
    }

    private static int sigma(int z, boolean isruGate) {
        return isruGate ? Q16Isru.isruSigmoid(z) : Q16Tanh.sigmoid(z);
    }

    private static int phi(int z, boolean isruCell) {
        return isruCell ? Q16Isru.isru(z) : Q16Tanh.tanh(z);
    }
}
