package io.nowcast.engine;

import jdk.incubator.vector.VectorShape;

/**
 * Which kernel an engine runs, chosen once, when it is built ({@link EngineKind#create(io.nowcast.engine.model.Model,
 * KernelChoice)}, or the engines' constructors). Both engines have a plain reference kernel and a Vector API kernel
 * that gives the same results (the float engine's within a tested tolerance, the Q16 engine's bit for bit).
 */
public enum KernelChoice {
    /**
     * The Vector API kernel where this JVM compiles the Vector API to machine code ({@link Platform#compilesVectorApi})
     * and the platform gives that kernel enough lanes; the reference kernel elsewhere. The default.
     */
    FASTEST,
    /** The reference kernel, whatever this JVM offers: the yardstick the fast kernels are tested against. */
    REFERENCE;

    /**
     * True when this choice may load a Vector API kernel: FASTEST, on a {@link Platform} that compiles the Vector API.
     * The kernel classes that import it are loaded only after this test, so that a JVM without the module, or
     * whose vectors are too short for their lane arithmetic, runs the reference kernel instead of failing.
     */
    boolean vectorApi() {
        return this == FASTEST && Platform.CURRENT.compilesVectorApi();
    }

    /**
     * What decides whether a Vector API kernel runs as machine code in this JVM. Where it does not, every vector
     * operation is a boxed object and a loop of Java code: measured 2026-12-02, a predict (H = 64, T = 48) 14 times
     * slower than the reference kernel with C1 only (x86-64), 10 times with a multiply C2 cannot vectorize (long lanes
     * on NEON), see docs/arm.md.
     *
     * @param vectorModule whether the boot layer has {@code jdk.incubator.vector} (java --add-modules
     *                     jdk.incubator.vector, as the launchers run)
     * @param vmName       {@code java.vm.name}: "OpenJDK 64-Bit Server VM"; a Client or Zero VM has no C2
     * @param vmInfo       {@code java.vm.info}: "mixed mode, sharing"; "interpreted mode" (-Xint) and
     *                     "emulated-client" (C1 only: -XX:TieredStopAtLevel below 4) mean no C2
     * @param vectorBits   the preferred vector shape's size (128 with NEON, 256 with AVX2, 512 with AVX-512; 64 on
     *                     32-bit ARM), 0 without the module
     */
    record Platform(boolean vectorModule, String vmName, String vmInfo, int vectorBits) {
        /** This JVM, read once. */
        static final Platform CURRENT = current();

        private static Platform current() {
            boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            return new Platform(module, System.getProperty("java.vm.name", ""), System.getProperty("java.vm.info", ""),
                    module ? PreferredShape.bits() : 0);
        }

        /**
         * True with the module, C2 (the only HotSpot compiler that turns Vector API calls into vector instructions),
         * and vectors of at least 128 bits: the kernels' narrowest species (the Q16 kernel's ints, half its longs)
         * does not exist below that, and 2 float lanes are no gain.
         */
        boolean compilesVectorApi() {
            return vectorModule && c2() && vectorBits >= 128;
        }

        private boolean c2() {
            return !vmInfo.contains("interpreted mode") && !vmInfo.contains("emulated-client")
                    && !vmName.contains("Client VM") && !vmName.contains("Zero VM");
        }
    }

    /** Loads the Vector API; touched only where its module is present. */
    private static final class PreferredShape {
        static int bits() {
            return VectorShape.preferredShape().vectorBitSize();
        }
    }
}
