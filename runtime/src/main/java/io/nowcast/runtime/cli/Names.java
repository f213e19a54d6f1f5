package io.nowcast.runtime.cli;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;

/** The words the command line uses for model properties. */
final class Names {
    private Names() {
    }

    static String of(CellActivation a) {
        return switch (a) {
            case TANH -> "tanh";
            case ISRU -> "isru";
        };
    }

    static String of(GateActivation a) {
        return switch (a) {
            case SIGMOID -> "sigmoid";
            case ISRU_SIGMOID -> "isru-sigmoid";
        };
    }
}
