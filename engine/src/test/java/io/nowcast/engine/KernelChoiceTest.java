package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * gives the reference kernel.
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
