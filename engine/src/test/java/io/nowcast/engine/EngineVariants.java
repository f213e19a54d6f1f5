package io.nowcast.engine;

import io.nowcast.engine.model.Model;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The float engine with each of its kernels, as a JUnit argument source. */
final class EngineVariants {
    private EngineVariants() {
    }

    /** "reference": the plain kernel; "default": what {@code new FloatEngine(model)} picks here. */
    static Stream<Named<Function<Model, FloatEngine>>> both() {
        return Stream.of(Named.of("reference", model -> new FloatEngine(model, KernelChoice.REFERENCE)),
                Named.of("default", FloatEngine::new));
    }
}
