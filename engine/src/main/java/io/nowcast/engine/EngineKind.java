package io.nowcast.engine;

import io.nowcast.engine.model.Model;
import java.util.Locale;

/** The engines a model can run with, by the names that users type ({@code --engine}, {@code model.engine}). */
public enum EngineKind {
    /** float32 arithmetic. */
    FLOAT,
    /** integer-only Q16.16 arithmetic. */
    Q16;

    /** An engine of this kind for the model, with the fastest kernel this JVM can run. */
    public Engine create(Model model) {
        return create(model, KernelChoice.FASTEST);
    }

    /** An engine of this kind for the model, with the given kernel. */
    public Engine create(Model model, KernelChoice kernel) {
        return switch (this) {
            case FLOAT -> new FloatEngine(model, kernel);
            case Q16 -> new Q16Engine(model, kernel);
        };
    }

    /** The name configurations and messages use: {@code float}, {@code q16}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }

    /**
     * The kind with this name (as {@link #word()} gives it).
     *
     * @throws IllegalArgumentException naming the allowed words
     */
    public static EngineKind of(String word) {
        for (EngineKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("engine '" + word + "' is not float or q16");
    }
}
