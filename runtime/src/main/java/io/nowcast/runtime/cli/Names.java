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

    /** 90 -> "90s", 600 -> "10min", 7200 -> "2h", 90000 -> "25h". */
    static String duration(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "min";
        }
        return seconds + "s";
    }
}
