package io.nowcast.runtime.cli;

import io.nowcast.runtime.engine.Engine;
import io.nowcast.runtime.engine.FloatEngine;
import io.nowcast.runtime.engine.Q16Engine;
import io.nowcast.runtime.model.Model;
import java.util.Locale;

/** The engines a command can run a model with, by the name users type. */
enum EngineChoice {
    /** float32 arithmetic: {@link FloatEngine}. */
    FLOAT,
    /** Q16.16 integer arithmetic only: {@link Q16Engine}. */
    Q16;

    Engine create(Model model) {
        return switch (this) {
            case FLOAT -> new FloatEngine(model);
            case Q16 -> new Q16Engine(model);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
