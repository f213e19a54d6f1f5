package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.AllocationMeter;
import io.nowcast.engine.testing.RandomModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * What one engine allocates per call, measured in a JVM of its own that runs that one model, as a
 * station's JVM does. One JVM for many models would measure something else: on JDK 17, after a JVM
 * has run float models of several shapes and activation pairs, the Vector API keeps part of the
 * kernel on its Java fallback, which allocates (docs/engine.md); 25 does not.
 *
 * <p>The child JVM ({@link #main}) builds the engine and repeats a batch of calls for at least
 * {@link #MIN_WARMUP} and until {@link #SETTLED_BATCHES} batches in a row allocate nothing (code C2
 * has not compiled yet allocates: the Vector API boxes its vectors until then), for at most
 * {@link #MAX_WARMUP}, then prints the bytes each of {@link #MEASURED_ROUNDS} rounds of
 * {@link #MEASURED_BATCHES} batches allocates. The test asserts that some round allocates nothing
 * ({@link AllocationMeter#bytesPerRound} says why).
 */
final class FreshJvmAllocation {
    private static final Duration MIN_WARMUP = Duration.ofSeconds(3);
    private static final int SETTLED_BATCHES = 20;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(30);
    private static final int MEASURED_BATCHES = 10;
    private static final int MEASURED_ROUNDS = 5;

    private FreshJvmAllocation() {
    }

    /** A model and how to run it: engine "float" or "q16", hidden sizes, window T. */
    record Case(String engine, KernelChoice kernel, CellActivation cell, GateActivation gate, int hidden, int window) {
        List<String> args() {
            return List.of(engine, kernel.name(), cell.name(), gate.name(), Integer.toString(hidden),
                    Integer.toString(window));
        }

        static Case of(String[] args) {
            return new Case(args[0], KernelChoice.valueOf(args[1]), CellActivation.valueOf(args[2]),
                    GateActivation.valueOf(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    /**
     * Runs {@code c} in a child JVM with this test's class path and asserts some round allocates 0
     * bytes; when none does, once more in a second JVM, which must. A kernel that allocates per call
     * fails in both. On JDK 17, C2 sometimes compiles the vector kernel with some Vector API calls
     * left out of line, boxed, for the life of that JVM: seen once, for the Q16 kernel under load
     * (11.5 GB per round, every round), while 30 JVMs in a row under the same load reached 0 bytes
     * (docs/engine.md).
     */
    static void assertAllocatesNothing(Case c) throws IOException, InterruptedException {
        String first = childRun(c);
        if (fewestBytes(first) == 0) {
            return;
        }
        System.err.println(c + ": the first JVM never stopped allocating (" + first + "); a second JVM");
        String second = childRun(c);
        assertEquals(0, fewestBytes(second), c + ": first JVM " + first + "; second JVM " + second);
    }

    /** The child's last line, "bytes N1,N2,... kernel K warm-up batches W". */
    private static String childRun(Case c) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), FreshJvmAllocation.class.getName()));
        command.addAll(c.args());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("bytes "), out);
        return last;
    }

    private static long fewestBytes(String childLine) {
        return Stream.of(childLine.split(" ")[1].split(",")).mapToLong(Long::parseLong).min().orElseThrow();
    }

    /** Child JVM: args as {@link Case#args}; prints "bytes N1,N2,... kernel K warm-up batches W", one N per round. */
    public static void main(String[] args) {
        Case c = Case.of(args);
        Model model = RandomModels.model(7, new RandomModels.Shape(6, new int[] {c.hidden(), c.hidden()}, 3, c.window()),
                WeightType.F32, c.cell(), c.gate());
        Engine engine = c.engine().equals("q16") ? new Q16Engine(model, c.kernel()) : new FloatEngine(model, c.kernel());
        float[] window = RandomModels.flatten(RandomModels.window(model, 8));
        float[] row = new float[model.inputCount()];
        System.arraycopy(window, 0, row, 0, row.length);
        float[] out = new float[model.outputCount()];
        Runnable batch = () -> {
            for (int k = 0; k < 200; k++) {
                engine.predict(window, out);
                engine.step(row, out);
                if (k % 50 == 0) {
                    engine.reset();
                }
            }
        };
        int warmUps = AllocationMeter.warmUp(batch, MIN_WARMUP, SETTLED_BATCHES, MAX_WARMUP);
        Runnable round = () -> {
            for (int k = 0; k < MEASURED_BATCHES; k++) {
                batch.run();
            }
        };
        long[] bytes = AllocationMeter.bytesPerRound(MEASURED_ROUNDS, round);
        String kernel = engine instanceof Q16Engine q ? q.kernelName() : ((FloatEngine) engine).kernelName();
        String perRound = LongStream.of(bytes).mapToObj(Long::toString).collect(Collectors.joining(","));
        System.out.println("bytes " + perRound + " kernel " + kernel + " warm-up batches " + warmUps);
    }
}
