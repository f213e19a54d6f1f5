package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves that the package is integer-only outside {@link Q16Conversions}: disassembles every
 * compiled class of io.nowcast.fixedpoint with the JDK's own javap (run in-process through
 * {@link ToolProvider}) and looks, in every method including static initializers, for
 * <ul>
 *   <li>a float or double instruction (fadd, dmul, i2d, f2i, fcmpl, dload, freturn, ...);
 *   <li>a float or double constant, array, field or declaration (the words "float" / "double");
 *   <li>a call or field access whose descriptor has a float (F) or double (D) in it, e.g.
 *       {@code Math.sqrt:(D)D}.
 * </ul>
 * Q16Conversions is the positive control: the same scan must find its conversions. The scanner
 * ({@link #floatingPointLines}, {@link #floatingPointLinesByMethod}) is public so that runtime's
 * tests can run it on the Q16 engine's classes (fixedpoint's test-jar).
 */
public class IntegerOnlyBytecodeTest {
    private static final Set<String> FLOATING_OPS = Set.of("add", "sub", "mul", "div", "rem", "neg", "load",
            "store", "return", "aload", "astore", "cmpl", "cmpg", "const");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*\\d+: (\\w+)");
    private static final Pattern FLOATING_WORD = Pattern.compile("\\b(float|double)\\b");
    /** A member reference's "owner.name:descriptor", or a class reference's name (e.g. "[D"). */
    /** A member's declaration in javap's output: two spaces of indent, ending in ';'. */
    private static final Pattern MEMBER = Pattern.compile("^  \\S.*;$");
    private static final Pattern REFERENCE = Pattern.compile("// (Method|InterfaceMethod|Field|class) (\\S+)$");

    @Test
    void everyClassButTheConversionsIsFreeOfFloatingPoint() throws Exception {
        List<Path> classes = packageClasses();
        assertTrue(classes.size() >= 6, "found the compiled classes: " + classes);
        for (Path c : classes) {
            if (!c.getFileName().toString().equals("Q16Conversions.class")) {
                assertEquals(List.of(), floatingPointLines(c), c + " must be integer-only");
            }
        }
    }

    @Test
    void theScanFindsTheConversionsFloatingPoint() throws Exception {
        Path conversions = packageDir().resolve("Q16Conversions.class");
        List<String> found = floatingPointLines(conversions);
        assertFalse(found.isEmpty());
        assertTrue(found.stream().anyMatch(l -> l.contains("Math.floor:(D)D")), String.join("\n", found));
        assertTrue(found.stream().anyMatch(l -> l.matches("\\s*\\d+: dmul.*")), String.join("\n", found));
    }

    /** The lines of {@code javap -c -p} output for one class file that use float or double. */
    public static List<String> floatingPointLines(Path classFile) {
        List<String> found = new ArrayList<>();
        floatingPointLinesByMethod(classFile).values().forEach(found::addAll);
        return found;
    }

    /**
     * As {@link #floatingPointLines}, grouped by the member they occur in: the key is javap's
     * declaration line, stripped (e.g. {@code "public void predict(float[], float[]);"}, or
     * {@code "static {};"}); lines outside any member go under the class declaration.
     */
    public static Map<String, List<String>> floatingPointLinesByMethod(Path classFile) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(
                () -> new IllegalStateException("javap is not in this JDK: the check needs a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = javap.run(new PrintWriter(out), new PrintWriter(err), "-c", "-p", classFile.toString());
        assertEquals(0, rc, err.toString());
        Map<String, List<String>> found = new LinkedHashMap<>();
        String member = "";
        for (String line : out.toString().split("\n")) {
            if (MEMBER.matcher(line).matches()) {
                member = line.strip();
            } else if (member.isEmpty() && !line.isBlank()) {
                member = line.strip(); // the class declaration, until the first member
            }
            if (usesFloatingPoint(line)) {
                found.computeIfAbsent(member, m -> new ArrayList<>()).add(line);
            }
        }
        return found;
    }

    private static boolean usesFloatingPoint(String line) {
        if (FLOATING_WORD.matcher(line).find()) {
            return true;
        }
        Matcher op = INSTRUCTION.matcher(line);
        if (op.find()) {
            String m = op.group(1);
            if (m.matches("[ilfd]2[fd]|[fd]2[ilfd]")) {
                return true;
            }
            if ((m.startsWith("f") || m.startsWith("d")) && FLOATING_OPS.contains(m.substring(1).replaceAll("_.*", ""))) {
                return true;
            }
        }
        Matcher ref = REFERENCE.matcher(line);
        if (!ref.find()) {
            return false;
        }
        String reference = ref.group(2).replace("\"", "");
        String descriptor = ref.group(1).equals("class")
                ? (reference.startsWith("[") ? reference : "") // an array type, or a plain class name
                : reference.substring(reference.lastIndexOf(':') + 1);
        return descriptor.replaceAll("L[^;]*;", "").matches(".*[DF].*");
    }

    private static Path packageDir() throws URISyntaxException {
        return Path.of(Q16.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Q16.class.getPackageName().replace('.', '/'));
    }

    private static List<Path> packageClasses() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(packageDir())) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }
}
