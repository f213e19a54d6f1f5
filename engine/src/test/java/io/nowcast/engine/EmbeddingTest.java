package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.fixedpoint.Q16;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embed the engine" program, taken from the README itself, compiled and run in a
 * JVM whose class path holds the engine's classes and the fixedpoint jar and nothing else: an
 * app embeds the engine with no other jar. Its two lines must equal the in-process forecast of the
 * kernel such a JVM runs (the reference kernel: no Vector API module).
 */
class EmbeddingTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    @Test
    void theReadmeProgramRunsWithOnlyTheEngineAndFixedpoint() throws Exception {
        Path source = dir.resolve("Forecast.java");
        Files.writeString(source, readmeProgram());
        Model model = RandomModels.model(7, new RandomModels.Shape(3, new int[] {8, 6}, 2, 12), WeightType.F32,
                CellActivation.ISRU, GateActivation.SIGMOID);
        Path modelFile = dir.resolve("model.ncm");
        ModelWriter.write(model, modelFile);

        String classPath = location(Engine.class) + java.io.File.pathSeparator + location(Q16.class);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", classPath, "-d", dir.toString(), source.toString());
        assertEquals(0, compiled, "the README's program compiles against the engine alone");
        List<String> lines = run(List.of(javaBinary(), "-cp", classPath + java.io.File.pathSeparator + dir,
                "Forecast", modelFile.toString(), "21.5", "55", "1013"));

        float[] window = new float[model.window() * model.inputCount()];
        float[] row = {21.5f, 55f, 1013f};
        for (int i = 0; i < window.length; i++) {
            window[i] = row[i % row.length];
        }
        float[] expected = new float[model.outputCount()];
        // The program's JVM has no jdk.incubator.vector module (none on its command line), so its
        // FloatEngine runs the reference kernel; the vector kernel's rational σ may differ in the last bit.
        EngineKind.FLOAT.create(model, KernelChoice.REFERENCE).predict(window, expected);
        assertEquals(List.of("window " + Arrays.toString(expected), "stream " + Arrays.toString(expected)), lines);
    }

    /** The one ```java block of the README's "Embed the engine" section. */
    private static String readmeProgram() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("## Embed the engine");
        assertTrue(section >= 0, "README.md has an 'Embed the engine' section");
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "the section has a java block");
        return m.group(1);
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program ends");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
