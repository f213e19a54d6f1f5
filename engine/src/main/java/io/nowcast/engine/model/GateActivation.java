package io.nowcast.engine.model;

/** σ, the LSTM's gate activation (header byte 10). */
public enum GateActivation {
    /** The logistic sigmoid 1 / (1 + e^-x). */
    SIGMOID(0),
    /** ISRU-sigmoid: ½ · (1 + x / sqrt(4 + x²)), range (0, 1), slope ¼ at 0 like the logistic. */
    ISRU_SIGMOID(1);

    public final int code;

    GateActivation(int code) {
        this.code = code;
    }

    static GateActivation ofCode(int code) {
        for (GateActivation a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
