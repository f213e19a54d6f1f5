package io.nowcast.runtime.cli;

import io.nowcast.runtime.engine.Engine;
import io.nowcast.runtime.engine.FloatEngine;
import io.nowcast.runtime.model.Model;
import java.util.Locale;

/** The engines a command can run a model with, by the name users type. */
enum EngineChoice {
    /** float32 arithmetic: {@link FloatEngine}. */
    FLOAT;

    Engine create(Model model) {
        return switch (this) {
            case FLOAT -> new FloatEngine(model);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
