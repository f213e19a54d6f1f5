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
 * Which gate sums {@code new Q16Engine(model)} runs: the Vector API ones where the module is present
 * (this test JVM runs with --add-modules jdk.incubator.vector), the scalar ones in a JVM without it
 * (a child JVM started here, which must also run the model) or when the system property asks for
 * the reference kernel.
 */
class Q16EngineKernelChoiceTest {
    private static Model model() {
        return RandomModels.model(3, new RandomModels.Shape(2, new int[] {16}, 1, 3), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
    }

    /** Prints the gate sums that new Q16Engine(model) picks in the JVM it runs in, after one predict. */
    public static void main(String[] args) {
        Model m = model();
        Q16Engine engine = new Q16Engine(m);
        engine.predict(RandomModels.flatten(RandomModels.window(m, 1)), new float[m.outputCount()]);
        System.out.println(engine.kernelName());
    }

    @Test
    void theVectorGatesWhereTheModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test expects surefire's --add-modules jdk.incubator.vector");
        assertTrue(new Q16Engine(model()).kernelName().startsWith("vector-"));
    }

    @Test
    void theScalarGatesWhenThePropertyAsksForTheReferenceKernel() {
        System.setProperty(FloatEngine.KERNEL_PROPERTY, "reference");
        try {
            assertEquals("scalar", new Q16Engine(model()).kernelName());
        } finally {
            System.clearProperty(FloatEngine.KERNEL_PROPERTY);
        }
    }

    @Test
    void theScalarGatesInAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Q16EngineKernelChoiceTest.class.getName())).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish within 60 s");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), output);
        assertEquals("scalar", output);
    }
}
