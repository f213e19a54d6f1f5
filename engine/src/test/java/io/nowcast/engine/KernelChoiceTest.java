package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which kernel each engine runs, chosen explicitly when it is built: by default
 * ({@link KernelChoice#FASTEST}) the Vector API kernel where the module is present (this test JVM
 * runs with --add-modules jdk.incubator.vector) and the reference kernel in a JVM without it (a
 * child JVM started here, which must also run the model); {@link KernelChoice#REFERENCE} always
 * gives the reference kernel. Where the Vector API would not run as machine code, FASTEST gives the reference kernel
 * too: the decision from the platform's facts, injected as the JVMs measured in docs/arm.md report them.
 */
class KernelChoiceTest {
    private static Model model() {
        return RandomModels.model(3, new RandomModels.Shape(2, new int[] {16}, 1, 3), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
    }

    private static String kernelName(Engine engine) {
        return engine instanceof Q16Engine q16 ? q16.kernelName() : ((FloatEngine) engine).kernelName();
    }

    /** Prints the kernels that new FloatEngine(model) and new Q16Engine(model) pick here, after a predict each. */
    public static void main(String[] args) {
        Model m = model();
        float[] window = RandomModels.flatten(RandomModels.window(m, 1));
        StringBuilder names = new StringBuilder();
        for (Engine engine : new Engine[] {new FloatEngine(m), new Q16Engine(m)}) {
            engine.predict(window, new float[m.outputCount()]);
            names.append(kernelName(engine)).append(' ');
        }
        System.out.println(names.toString().strip());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theVectorKernelByDefaultWhereTheModuleIsPresent(EngineKind kind) {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test expects surefire's --add-modules jdk.incubator.vector");
        assertTrue(kernelName(kind.create(model())).startsWith("vector-"), kind.word());
        assertTrue(kernelName(kind.create(model(), KernelChoice.FASTEST)).startsWith("vector-"), kind.word());
    }

    private static final String SERVER = "OpenJDK 64-Bit Server VM";
    private static final String MIXED = "mixed mode, sharing";

    @Test
    void theVectorApiWhereC2CompilesItToVectorsOfAtLeast128Bits() {
        assertTrue(new KernelChoice.Platform(true, SERVER, MIXED, 512).compilesVectorApi(), "x86-64, AVX-512");
        assertTrue(new KernelChoice.Platform(true, SERVER, MIXED, 256).compilesVectorApi(), "x86-64, AVX2");
        assertTrue(new KernelChoice.Platform(true, SERVER, MIXED, 128).compilesVectorApi(), "aarch64, NEON (Pi 4, 5)");
    }

    @Test
    void notWithoutTheModuleC2OrVectorsOf128Bits() {
        assertFalse(new KernelChoice.Platform(false, SERVER, MIXED, 0).compilesVectorApi(), "no --add-modules");
        assertFalse(new KernelChoice.Platform(true, "OpenJDK Server VM", MIXED, 64).compilesVectorApi(),
                "armhf (Pi Zero 2 W, Pi 3 on 32-bit Raspberry Pi OS): 64-bit vectors");
        assertFalse(new KernelChoice.Platform(true, SERVER, "interpreted mode, sharing", 512).compilesVectorApi(),
                "-Xint");
        assertFalse(new KernelChoice.Platform(true, SERVER, "mixed mode, emulated-client, sharing", 512)
                .compilesVectorApi(), "C1 only: -XX:TieredStopAtLevel=1");
        assertFalse(new KernelChoice.Platform(true, "OpenJDK 64-Bit Zero VM", "interpreted mode", 128)
                .compilesVectorApi(), "the Zero VM");
        assertFalse(new KernelChoice.Platform(true, "OpenJDK Client VM", MIXED, 128).compilesVectorApi(),
                "a client VM");
    }

    @Test
    void theQ16VectorKernelFromFourLongLanes() {
        assertTrue(Q16VectorKernel.usable(8), "AVX-512");
        assertTrue(Q16VectorKernel.usable(4), "AVX2");
        assertFalse(Q16VectorKernel.usable(2), "NEON: no 64-bit lane multiply in C2; 128-bit x86: slower than scalar");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theReferenceKernelWhenChosen(EngineKind kind) {
        assertEquals("reference", kernelName(kind.create(model(), KernelChoice.REFERENCE)), kind.word());
    }

    @Test
    void theReferenceKernelsInAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                KernelChoiceTest.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish within 60 s");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), output);
        assertEquals("reference reference", output);
    }
}
