package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.fixedpoint.IntegerOnlyBytecodeTest;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Q16 engine's per-step code is integer-only, checked on the compiled classes by fixedpoint's
 * bytecode scanner (IntegerOnlyBytecodeTest: no float or double instruction, constant, type or
 * descriptor). Every compiled Q16* class of the package falls in one of three groups:
 * <ul>
 *   <li>scanned whole, no float or double at all: the kernels (Q16Kernel, Q16ReferenceKernel,
 *       Q16VectorKernel with its Q16IsruCells), the packed weights (Q16PackedLayer) and the run
 *       state (Q16RunState, Q16RunState$Layers);
 *   <li>one member excluded because it runs once, at load, converting the model's doubles through
 *       Q16Conversions: Q16Layer.of and the constructor of Q16Weights. The scan must find that
 *       conversion there (the positive control) and nothing anywhere else in the class;
 *   <li>Q16Engine, which may touch float only at the Engine interface's boundary: the float[]
 *       parameters of predict, step, advance, normalize and head, reading a raw input and writing
 *       an output (faload, fastore, fload, fstore; no float arithmetic or constant), and
 *       Q16Conversions' three boundary conversions (inQ32x32Range, toQ32x32 from float,
 *       fromQ32x32 to float).
 * </ul>
 */
class Q16IntegerOnlyTest {
    private static final List<String> PER_STEP_CLASSES = List.of("Q16Kernel", "Q16ReferenceKernel", "Q16VectorKernel",
            "Q16IsruCells", "Q16PackedLayer", "Q16RunState", "Q16RunState$Layers");
    /** Class → its one load-time member (javap's declaration), which converts the model's doubles. */
    private static final Map<String, String> LOAD_TIME_MEMBERS = Map.of(
            "Q16Layer", "static io.nowcast.engine.Q16Layer of(io.nowcast.engine.model.LstmLayer);",
            "Q16Weights",
            "public io.nowcast.engine.Q16Weights(io.nowcast.engine.model.Model, io.nowcast.engine.KernelChoice);");
    /** What Q16Engine may contain: the float boundary of the Engine interface. */
    private static final Pattern BOUNDARY = Pattern.compile(String.join("|",
            "\\s*\\d+: (faload|fastore|fload(_\\d)?|fstore(_\\d)?)\\b.*",
            ".*// Method io/nowcast/fixedpoint/Q16Conversions\\.(inQ32x32Range:\\(F\\)Z|toQ32x32:\\(F\\)J|fromQ32x32:\\(J\\)F)",
            "\\s*public void (predict|step)\\(float\\[\\], float\\[\\]\\);",
            ".*// Method (advance:\\(Lio/nowcast/engine/Q16RunState\\$Layers;\\[FII\\)V"
                    + "|head:\\(Lio/nowcast/engine/Q16RunState\\$Layers;\\[F\\)V|normalize:\\(\\[FI\\[II\\)V)",
            "\\s*private void (advance|head|normalize)\\(.*float\\[\\].*\\);"));

    @Test
    void everyQ16ClassIsInOneOfTheGroups() throws Exception {
        Set<String> groups = new TreeSet<>(PER_STEP_CLASSES);
        groups.addAll(LOAD_TIME_MEMBERS.keySet());
        groups.add("Q16Engine");
        try (Stream<Path> files = Files.list(classFile("Q16Engine").getParent())) {
            Set<String> compiled = new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("Q16") && f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length())).toList());
            assertEquals(groups, compiled, "a new Q16 class must join one of the groups above");
        }
    }

    @Test
    void perStepClassesAreFreeOfFloatingPoint() throws Exception {
        for (String name : PER_STEP_CLASSES) {
            assertEquals(Map.of(), IntegerOnlyBytecodeTest.floatingPointLinesByMethod(classFile(name)),
                    name + " must be integer-only");
        }
    }

    @Test
    void onlyTheLoadTimeMembersConvertTheModelsNumbers() throws Exception {
        for (Map.Entry<String, String> loadTime : LOAD_TIME_MEMBERS.entrySet()) {
            Map<String, List<String>> found = IntegerOnlyBytecodeTest.floatingPointLinesByMethod(
                    classFile(loadTime.getKey()));
            List<String> conversion = found.remove(loadTime.getValue());
            assertTrue(conversion != null && conversion.stream().anyMatch(l -> l.contains("Q16Conversions.toQ16:(D)I")),
                    "positive control: the scan sees " + loadTime.getValue() + " convert doubles: " + conversion);
            assertEquals(Map.of(), found, loadTime.getKey() + " beyond its load-time member must be integer-only");
        }
    }

    @Test
    void theEngineUsesFloatOnlyAtItsBoundary() throws Exception {
        Map<String, List<String>> found = IntegerOnlyBytecodeTest.floatingPointLinesByMethod(classFile("Q16Engine"));
        assertTrue(found.containsKey("public void predict(float[], float[]);"),
                "positive control: the boundary's float[] is found: " + found.keySet());
        List<String> outside = new ArrayList<>();
        found.forEach((member, lines) -> lines.stream().filter(l -> !BOUNDARY.matcher(l).matches())
                .forEach(l -> outside.add(member + " | " + l)));
        assertEquals(List.of(), outside, "float or double in Q16Engine beyond its float[] boundary");
    }

    private static Path classFile(String simpleName) throws URISyntaxException {
        return Path.of(Q16Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Q16Engine.class.getPackageName().replace('.', '/')).resolve(simpleName + ".class");
    }
}
