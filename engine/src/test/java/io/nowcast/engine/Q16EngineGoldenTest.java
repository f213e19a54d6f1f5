package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.testing.ReferenceLstm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    /** A golden file: the window [T][I] and the outputs (float bits) and y' (Q16.16 raw) [O]. */
    private record Golden(float[] window, int[] outputBits, int[] normalized) {
    }

    static Stream<Arguments> goldenFilesAndKernels() {
        return Stream.of("tanh-sigmoid-f32", "tanh-isrusigmoid-f16", "isru-sigmoid-q16", "isru-isrusigmoid-f32")
                .flatMap(name -> Stream.of(KernelChoice.values()).map(kernel -> Arguments.of(name, kernel)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("goldenFilesAndKernels")
    void outputsAreTheCommittedBits(String name, KernelChoice kernel) throws Exception {
        Path dir = Path.of(Q16EngineGoldenTest.class.getResource("/engine/q16/" + name + ".ncm").toURI()).getParent();
        Model model = ModelReader.read(dir.resolve(name + ".ncm"));
        Golden golden = read(dir.resolve(name + ".golden"), model);
        Q16Engine engine = new Q16Engine(model, kernel);
        float[] out = new float[model.outputCount()];
        int[] normalized = new int[model.outputCount()];
        engine.predict(golden.window, out);
        engine.normalizedOutputs(normalized);
        StringBuilder actual = new StringBuilder("outputs");
        for (float y : out) {
            actual.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(y)));
        }
        actual.append("\nnormalized");
        for (int y : normalized) {
            actual.append(' ').append(y);
        }
        assertEquals(lines("outputs", golden.outputBits, true) + "\n" + lines("normalized", golden.normalized, false),
                actual.toString(), name + ": the bits of the engine's " + engine.kernelName() + " kernel changed");

        double[][] window = new double[model.window()][model.inputCount()];
        for (int t = 0; t < window.length; t++) {
            for (int k = 0; k < window[t].length; k++) {
                window[t][k] = golden.window[t * model.inputCount() + k];
            }
        }
        double[] reference = ReferenceLstm.normalizedOutputs(model, window);
        for (int o = 0; o < reference.length; o++) {
            assertEquals(reference[o], golden.normalized[o] / 65536.0, 1e-3, name + " golden y'[" + o + "]");
        }
    }

    private static String lines(String key, int[] values, boolean hex) {
        StringBuilder s = new StringBuilder(key);
        for (int v : values) {
            s.append(' ').append(hex ? Integer.toHexString(v) : Integer.toString(v));
        }
        return s.toString();
    }

    /**
     * Format: '#' comments; "window" then T lines of I float bit patterns in hex; "outputs" and O
     * float bit patterns in hex; "normalized" and O Q16.16 integers.
     */
    private static Golden read(Path file, Model model) throws Exception {
        List<String> rows = new ArrayList<>();
        String outputs = null;
        String normalized = null;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#") || line.equals("window")) {
                continue;
            }
            if (line.startsWith("outputs ")) {
                outputs = line.substring(8);
            } else if (line.startsWith("normalized ")) {
                normalized = line.substring(11);
            } else {
                rows.add(line);
            }
        }
        float[] window = new float[model.window() * model.inputCount()];
        assertEquals(model.window(), rows.size(), file + ": window rows");
        for (int t = 0; t < rows.size(); t++) {
            String[] cells = rows.get(t).trim().split("\\s+");
            assertEquals(model.inputCount(), cells.length, file + ": row " + t);
            for (int k = 0; k < cells.length; k++) {
                window[t * model.inputCount() + k] = Float.intBitsToFloat(Integer.parseUnsignedInt(cells[k], 16));
            }
        }
        String[] o = outputs.trim().split("\\s+");
        String[] n = normalized.trim().split("\\s+");
        int[] outputBits = new int[o.length];
        int[] normalizedValues = new int[n.length];
        for (int k = 0; k < o.length; k++) {
            outputBits[k] = Integer.parseUnsignedInt(o[k], 16);
            normalizedValues[k] = Integer.parseInt(n[k]);
        }
        return new Golden(window, outputBits, normalizedValues);
    }
}
