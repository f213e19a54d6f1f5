package io.nowcast.engine;

/**
 * The gate sums of one Q16 LSTM layer, z = b + [W U]·[x_t; h_{t-1}], exact in Q32.32 (integer
 * sums do not depend on the order of summation, so every implementation gives the same bits).
 * Integer-only and allocation-free.
 */
interface Q16Gates {
    /**
     * sums[g · stride() + j] = b_r + Σ_k M[r][k] · input[k], r = g·H + j, for the four gates g in
     * Gate order and the units j &lt; H; other entries (padding) may hold anything.
     *
     * @param input [n + H], Q16.16: x_t, then h_{t-1}
     * @param sums [4 · stride()], Q32.32
     */
    void multiply(int[] input, long[] sums);

    /** Distance in {@code sums} from one gate's block to the next (≥ H). */
    int stride();

    /** What this implementation is: "scalar", or the vector width. */
    String name();
}
