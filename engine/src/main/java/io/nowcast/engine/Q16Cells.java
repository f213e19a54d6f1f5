package io.nowcast.engine;

/** The unit updates of a layer's first {@link #units()} units, bit-identical to {@link Q16Cell#update}. */
interface Q16Cells {
    /**
     * Q16Cell.update for every unit j &lt; units(), from the gate sums of one step.
     *
     * @param sums [4 · stride], Q32.32, as Q16Gates.multiply leaves them
     * @param input the layer's input [n + H]: h_t goes to input[n + j]
     * @param cellState c [H], updated in place
     * @return true when a c had to be clipped to Q16.16's range
     */
    boolean update(long[] sums, int[] input, int[] cellState);

    /** How many units (from 0) update() covers. */
    int units();
}
