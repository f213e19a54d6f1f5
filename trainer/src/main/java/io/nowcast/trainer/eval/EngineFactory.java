package io.nowcast.trainer.eval;

import io.nowcast.engine.Engine;
import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.Q16Engine;
import io.nowcast.engine.model.Model;
import java.util.function.Function;

/** The runtime's engines by name: "float" and "q16". */
public final class EngineFactory {
    private EngineFactory() {
    }

    public static Function<Model, Engine> byName(String name) {
        return switch (name) {
            case "float" -> FloatEngine::new;
            case "q16" -> Q16Engine::new;
            default -> throw new IllegalArgumentException("engine '" + name + "': expected float or q16");
        };
    }
}
