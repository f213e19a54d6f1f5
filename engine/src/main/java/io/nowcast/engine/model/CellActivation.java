package io.nowcast.engine.model;

/** φ, the LSTM's cell and candidate activation (header byte 9). */
public enum CellActivation {
    /** tanh(x). */
    TANH(0),
    /** ISRU: x / sqrt(1 + x²), a cheaper stand-in for tanh with the same range (-1, 1). */
    ISRU(1);

    public final int code;

    CellActivation(int code) {
        this.code = code;
    }

    static CellActivation ofCode(int code) {
        for (CellActivation a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
