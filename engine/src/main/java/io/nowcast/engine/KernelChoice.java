package io.nowcast.engine;

/**
 * Which kernel an engine runs, chosen once, when it is built ({@link EngineKind#create(io.nowcast.engine.model.Model,
 * KernelChoice)}, or the engines' constructors). Both engines have a plain reference kernel and a Vector API kernel
 * that gives the same results (the float engine's within a tested tolerance, the Q16 engine's bit for bit).
 */
public enum KernelChoice {
    /**
     * The Vector API kernel where this JVM has the {@code jdk.incubator.vector} module (java --add-modules
     * jdk.incubator.vector, as the launchers run) and the platform gives it enough lanes; the reference kernel
     * elsewhere. The default.
     */
    FASTEST,
    /** The reference kernel, whatever this JVM offers: the yardstick the fast kernels are tested against. */
    REFERENCE;

    /**
     * True when this choice may load a Vector API kernel: FASTEST, in a JVM whose boot layer has the
     * {@code jdk.incubator.vector} module. The kernel classes that import it are loaded only after this
     * test, so that a JVM without the module runs the reference kernel instead of failing.
     */
    boolean vectorApi() {
        return this == FASTEST && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
