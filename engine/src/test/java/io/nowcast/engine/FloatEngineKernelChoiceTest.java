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

/**
 * Which kernel {@code new FloatEngine(model)} picks: the Vector API kernel where the module is
 * present (this test JVM runs with --add-modules jdk.incubator.vector), the reference kernel in a
 * JVM without it (a child JVM started here) or when the system property asks for it.
 */
class FloatEngineKernelChoiceTest {
    private static Model model() {
        return RandomModels.model(3, new RandomModels.Shape(2, new int[] {4}, 1, 3), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
    }

    /** Prints the kernel that new FloatEngine(model) picks in the JVM it runs in. */
    public static void main(String[] args) {
        System.out.println(new FloatEngine(model()).kernelName());
    }

    @Test
    void theVectorKernelWhereTheModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test expects surefire's --add-modules jdk.incubator.vector");
        assertTrue(new FloatEngine(model()).kernelName().startsWith("vector-"));
    }

    @Test
    void theReferenceKernelWhenThePropertyAsksForIt() {
        System.setProperty(FloatEngine.KERNEL_PROPERTY, "reference");
        try {
            assertEquals("reference", new FloatEngine(model()).kernelName());
        } finally {
            System.clearProperty(FloatEngine.KERNEL_PROPERTY);
        }
    }

    @Test
    void theReferenceKernelInAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FloatEngineKernelChoiceTest.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish within 60 s");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), output);
        assertEquals("reference", output);
    }
}
