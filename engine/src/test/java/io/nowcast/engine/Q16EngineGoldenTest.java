package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceLstm;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Committed golden outputs guard the Q16 engine's bits across machines and JDKs: for each small
 * model in src/test/resources/engine/q16/ (see the README there for how they were made), the
 * outputs of predict on the stored window must be the stored bits exactly, with either kernel (the
 * reference and the Vector API one). The golden numbers came from this engine, so they are also
 * checked against the independent double reference (within 1e-3 in y' units): a golden file
 * cannot freeze a wrong answer.
 */
class Q16EngineGoldenTest {
    static Stream<Arguments> goldenFilesAndKernels() {
        return Q16Golden.NAMES.stream()
                .flatMap(name -> Stream.of(KernelChoice.values()).map(kernel -> Arguments.of(name, kernel)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("goldenFilesAndKernels")
    void outputsAreTheCommittedBits(String name, KernelChoice kernel) throws Exception {
        Q16Golden golden = Q16Golden.load(name);
        Model model = golden.model();
        Q16Engine engine = new Q16Engine(model, kernel);
        assertEquals(golden.expected(), golden.actual(engine),
                name + ": the bits of the engine's " + engine.kernelName() + " kernel changed");

        double[][] window = new double[model.window()][model.inputCount()];
        for (int t = 0; t < window.length; t++) {
            for (int k = 0; k < window[t].length; k++) {
                window[t][k] = golden.window()[t * model.inputCount() + k];
            }
        }
        double[] reference = ReferenceLstm.normalizedOutputs(model, window);
        for (int o = 0; o < reference.length; o++) {
            assertEquals(reference[o], golden.normalized()[o] / 65536.0, 1e-3, name + " golden y'[" + o + "]");
        }
    }
}
