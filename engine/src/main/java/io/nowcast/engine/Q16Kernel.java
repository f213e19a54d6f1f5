package io.nowcast.engine;

/**
 * The LSTM layers of a {@link Q16Engine} in Q16.16: what differs between the plain reference
 * kernel ({@link Q16ReferenceKernel}) and the Vector API one ({@link Q16VectorKernel}), as the
 * functions of one layer: its gate sums z = b + W·x_t + U·h_{t-1}, and its cells (c and h) of
 * every unit. A window's gate sums come in two halves: the input half does not depend on the
 * recurrence, so a run of steps shares one pass over W ({@link #inputGates}); then the recurrent
 * half step by step ({@link #recurrentGates}). A stream's step takes both at once
 * ({@link #gates}). Normalization, the head and the order of the calls stay in the engine.
 *
 * <p>A kernel holds the layers' weights in its own layout and nothing else: it is immutable, part
 * of the {@link Q16Weights} that any number of engines share. State and scratch are the caller's
 * ({@link Q16RunState}). Integer-only and allocation-free. Both kernels give the same bits: the
 * gate sums are exact (integer sums do not depend on their order) and the unit updates are the
 * same integer operations (Q16KernelTest).
 */
interface Q16Kernel {
    /**
     * The input half of layer {@code layer}'s gate sums for {@code count} steps:
     * half[t][g][j] = b_r + Σ_{k &lt; n} W[r][k] · xs[t·n + k], r = g·H + j, exact, for t &lt; count,
     * the four gates g in Gate order and the units j &lt; H; entries of padded units (j ≥ H) may
     * hold anything.
     *
     * @param xs x_t [count][n], Q16.16, |x| ≤ the layer's input clamp
     * @param half [count][4][stride], Q32.32
     */
    void inputGates(int layer, int[] xs, int count, long[] half);

    /**
     * The gate sums of step t: sums[g][j] = half[t][g][j] + Σ_{k &lt; H} U[r][k] · h[k], exact.
     *
     * @param half as {@link #inputGates} left it, Q32.32
     * @param h h_{t-1} [H], Q16.16
     * @param sums z [4][stride], Q32.32
     */
    void recurrentGates(int layer, long[] half, int t, int[] h, long[] sums);

    /**
     * The gate sums of one step in one pass, what a stream runs: sums[g][j] = b_r + W[r] · x +
     * U[r] · h, exact: the same as the two halves above.
     *
     * @param x x_t [n] at x[0 ..], Q16.16, |x| ≤ the layer's input clamp
     * @param h h_{t-1} [H], Q16.16
     * @param sums z [4][stride], Q32.32
     */
    void gates(int layer, int[] x, int[] h, long[] sums);

    /**
     * The cell and output of every unit j &lt; H of layer {@code layer}, from the gate sums:
     * i, f, o = σ(z), g = φ(z) (z rounded to Q16.16), c = f·c + i·g (two exact products, one
     * rounding, saturated), h = o·φ(c). The new h overwrites h_{t-1}, which
     * {@link #recurrentGates} has read.
     *
     * @param sums z [4][stride], Q32.32, as {@link #recurrentGates} left them
     * @param h h [H], Q16.16, updated in place
     * @param cell c [H], Q16.16, updated in place
     * @param scratch [{@link #scratchLength()}], the caller's
     * @return true when a c had to be clipped to Q16.16's range
     */
    boolean cells(int layer, long[] sums, int[] h, int[] cell, int[] scratch);

    /** The distance in layer {@code layer}'s gate sums from one gate's block to the next (≥ H). */
    int stride(int layer);

    /** The length of the scratch array {@link #cells} needs (0 for none). */
    int scratchLength();

    /** A short name for reports and benchmarks: "reference", or "vector-Lx64". */
    String name();
}
