package io.nowcast.trainer.eval;

import io.nowcast.runtime.engine.Engine;
import io.nowcast.runtime.model.Model;
import java.util.function.Function;

/** The runtime's engines by name: "float" and "q16". */
public final class EngineFactory {
    private EngineFactory() {
    }

    public static Function<Model, Engine> byName(String name) {
        String className = switch (name) {
            case "float" -> "io.nowcast.runtime.engine.FloatEngine";
            case "q16" -> "io.nowcast.runtime.engine.Q16Engine";
            default -> throw new IllegalArgumentException("engine '" + name + "': expected float or q16");
        };
        return model -> {
            try {
                return (Engine) Class.forName(className).getConstructor(Model.class).newInstance(model);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the runtime's " + name + " engine (" + className
                        + ") is not in this build: " + e, e);
            }
        };
    }
}
