package io.nowcast.engine.model;

/**
 * The order of the four gates inside every 4H block of W, U and b: rows [k·H, (k+1)·H) belong to
 * the gate with ordinal k.
 */
public enum Gate {
    /** i: how much of the candidate enters the cell. */
    INPUT,
    /** f: how much of the old cell is kept. */
    FORGET,
    /** g: the candidate cell value (uses the cell activation, not the gate activation). */
    CANDIDATE,
    /** o: how much of the cell shows in the hidden state. */
    OUTPUT;

    /** Gates per LSTM layer. */
    public static final int COUNT = 4;

    /** First row of this gate's block in a layer of hidden size H. */
    public int firstRow(int hiddenSize) {
        return ordinal() * hiddenSize;
    }
}
