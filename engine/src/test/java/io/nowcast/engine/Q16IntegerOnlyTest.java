package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.fixedpoint.IntegerOnlyBytecodeTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Q16 engine's per-step code is integer-only, checked on the compiled classes by fixedpoint's
 * bytecode scanner (IntegerOnlyBytecodeTest: no float or double instruction, constant, type or
 * descriptor). Scanned whole: Q16Gates, Q16ScalarGates, Q16VectorGates, Q16Cells, Q16Cell,
 * Q16VectorCells, Q16Engine$State. Excluded, because they run once at load: the constructors of
 * Q16Layer and Q16Engine (weights, biases, means and scales from the model's doubles through
 * Q16Conversions). Q16Engine's other members may touch float only at the Engine interface's
 * boundary: the float[] parameters of predict, step, advance, normalize and head, reading a raw input and
 * writing an output (faload, fastore, fload, fstore; no float arithmetic or constant), and
 * Q16Conversions' three boundary conversions (inQ32x32Range, toQ32x32 from float, fromQ32x32 to float).
 */
class Q16IntegerOnlyTest {
    private static final List<String> PER_STEP_CLASSES = List.of("Q16Layer", "Q16Gates", "Q16ScalarGates",
            "Q16VectorGates", "Q16Cells", "Q16Cell", "Q16VectorCells", "Q16Engine$State");
    /** What Q16Engine may contain outside its constructor: the float boundary of the Engine interface. */
    private static final Pattern BOUNDARY = Pattern.compile(String.join("|",
            "\\s*\\d+: (faload|fastore|fload(_\\d)?|fstore(_\\d)?)\\b.*",
            ".*// Method io/nowcast/fixedpoint/Q16Conversions\\.(inQ32x32Range:\\(F\\)Z|toQ32x32:\\(F\\)J|fromQ32x32:\\(J\\)F)",
            "\\s*public void (predict|step)\\(float\\[\\], float\\[\\]\\);",
            ".*// Method (advance:\\(Lio/nowcast/engine/Q16Engine\\$State;\\[FI\\)V|head:\\(Lio/nowcast/engine/Q16Engine\\$State;\\[F\\)V"
                    + "|normalize:\\(\\[FI\\[II\\)V)",
            "\\s*private void (advance|head|normalize)\\(.*float\\[\\].*\\);"));

    @Test
    void perStepClassesAreFreeOfFloatingPoint() throws Exception {
        for (String name : PER_STEP_CLASSES) {
            Map<String, List<String>> found = IntegerOnlyBytecodeTest.floatingPointLinesByMethod(classFile(name));
            if (name.equals("Q16Layer")) {
                // the constructor converts the model's double weights once, at load
                found.keySet().removeIf(member -> member.startsWith("io.nowcast.engine.Q16Layer("));
            }
            assertEquals(Map.of(), found, name + " must be integer-only");
        }
    }

    @Test
    void theEngineUsesFloatOnlyAtItsBoundary() throws Exception {
        Map<String, List<String>> found = IntegerOnlyBytecodeTest.floatingPointLinesByMethod(classFile("Q16Engine"));
        String constructor = "io.nowcast.engine.Q16Engine(io.nowcast.engine.model.Model, boolean);";
        assertTrue(found.containsKey(constructor),
                "positive control: the constructor's load-time conversions are found: " + found.keySet());
        List<String> outside = new ArrayList<>();
        found.forEach((member, lines) -> {
            if (!member.equals(constructor)) {
                lines.stream().filter(l -> !BOUNDARY.matcher(l).matches()).forEach(l -> outside.add(member + " | " + l));
            }
        });
        assertEquals(List.of(), outside, "float or double in Q16Engine beyond its float[] boundary");
    }

    @Test
    void theScanSeesTheLayersLoadTimeConversion() throws Exception {
        Map<String, List<String>> found = IntegerOnlyBytecodeTest.floatingPointLinesByMethod(classFile("Q16Layer"));
        assertFalse(found.isEmpty(), "positive control: Q16Layer's constructor reads double weights");
        assertTrue(found.values().stream().flatMap(List::stream).anyMatch(l -> l.contains("Q16Conversions.toQ16:(D)I")),
                found.toString());
    }

    private static Path classFile(String simpleName) throws URISyntaxException {
        return Path.of(Q16Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Q16Layer.class.getPackageName().replace('.', '/')).resolve(simpleName + ".class");
    }
}
