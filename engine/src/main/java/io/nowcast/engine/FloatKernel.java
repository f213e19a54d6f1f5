package io.nowcast.engine;

/**
 * The LSTM layers of a {@link FloatEngine}, on normalized inputs: what differs between the plain
 * reference kernel and the fast one. Normalization, the dense head and denormalization stay in
 * the engine. A kernel keeps two states apart: the one a whole window runs in (from zero every
 * time) and the carried state of streaming, so that a {@code window} call never disturbs
 * {@code step}. Allocates nothing after construction.
 */
interface FloatKernel {
    /**
     * Runs every layer over a whole window from zero state.
     *
     * @param normalized x' [T][I], row-major
     * @return h_T of the last layer [≥ H_{L-1}]: the kernel's own buffer, valid until its next call
     */
    float[] window(float[] normalized);

    /**
     * Advances the streaming state by one row.
     *
     * @param normalized x' [I]
     * @return h of the last layer after this step [≥ H_{L-1}]: the kernel's own buffer
     */
    float[] step(float[] normalized);

    /** Zeroes the streaming state. */
    void reset();

    /** A short name for reports and benchmarks ("reference", "vector-16", ...). */
    String name();
}
