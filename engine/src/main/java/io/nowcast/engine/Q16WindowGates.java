package io.nowcast.engine;

/**
 * Gate sums that can split a window's steps: first b + W·x_t for several steps at once (one pass
 * over W serves them all), then, step after step, + U·h_{t-1}. The same exact Q32.32 sums as
 * {@link #multiply}, in another order, so the same bits.
 */
interface Q16WindowGates extends Q16Gates {
    /**
     * half[t · 4 · stride() + g · stride() + j] = b_r + Σ_{k &lt; n} W[r][k] · xs[from + t · n + k]
     * for t &lt; count, r = g·H + j.
     *
     * @param xs x_t for consecutive steps, [count][n], Q16.16
     * @param half [count][4 · stride()], Q32.32
     */
    void inputHalf(int[] xs, int from, int count, long[] half);

    /**
     * sums = half's step t + Σ_j U[r][j] · input[n + j]: the gate sums of that step, as
     * {@link #multiply} would give them with x_t in input[0 .. n).
     */
    void recurrentHalf(long[] half, int t, int[] input, long[] sums);
}
