package io.nowcast.engine;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether the engines are right on the JVM that runs this, without JUnit: what deploy/arm-check.sh runs on each
 * emulated Raspberry Pi (docs/arm.md), from the engine jar, the fixedpoint jar and the engine's test-jar. Checks the
 * Q16 engine's golden files bit for bit with each {@link KernelChoice}, and the float engine against
 * {@link io.nowcast.engine.testing.ReferenceLstm} ({@link FloatVsReference}) with each; then reports which kernel
 * each engine picks and how long a predict takes (H = 64, two layers, T = 48, ISRU / ISRU-sigmoid, as the
 * benchmarks' model). One line each, ✔ or ✘; exit status 1 when any line is ✘.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp ENGINE:FIXEDPOINT:ENGINE-TESTS
 * io.nowcast.engine.PlatformCheck [WARMUP RUNS]}: the median of RUNS predicts after WARMUP (default 200 and 50).
 */
public final class PlatformCheck {
    private static final Model TIMED = RandomModels.model(17, new RandomModels.Shape(6, new int[] {64, 64}, 3, 48),
            WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID);

    /** One line of the report. */
    record Check(boolean passed, String text) {
        String line() {
            return (passed ? "✔ " : "✘ ") + text;
        }
    }

    private PlatformCheck() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int warmup = args.length == 2 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length == 2 ? Integer.parseInt(args[1]) : 50;
        System.exit(run(out, warmup, runs));
    }

    /** Prints what this JVM is, then every check and timing as it finishes to {@code out}; 0 when all passed, else 1. */
    static int run(PrintStream out, int warmup, int runs) {
        out.println(jvm());
        List<Supplier<Check>> all = new ArrayList<>(checks());
        all.addAll(timings(warmup, runs));
        int failed = 0;
        for (Supplier<Check> pending : all) {
            Check check = pending.get();
            out.println(check.line());
            failed += check.passed() ? 0 : 1;
        }
        out.println(failed == 0 ? "all " + all.size() + " passed" : failed + " of " + all.size() + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** The Java, the VM and what {@link KernelChoice} sees of it. */
    static String jvm() {
        KernelChoice.Platform p = KernelChoice.Platform.CURRENT;
        return "java " + System.getProperty("java.version") + " (" + p.vmName() + ", " + p.vmInfo() + ") on "
                + System.getProperty("os.arch") + "; Vector API module " + (p.vectorModule() ? "present" : "absent")
                + ", preferred vector " + p.vectorBits() + " bits, compiled to machine code: "
                + (p.compilesVectorApi() ? "yes" : "no");
    }

    /** The golden files with each kernel choice, then the float engine against the reference with each: to run. */
    static List<Supplier<Check>> checks() {
        List<Supplier<Check>> checks = new ArrayList<>();
        for (String name : Q16Golden.NAMES) {
            for (KernelChoice choice : KernelChoice.values()) {
                checks.add(guarded("q16 golden " + name + ", " + choice, () -> golden(name, choice)));
            }
        }
        for (KernelChoice choice : KernelChoice.values()) {
            for (CellActivation cell : CellActivation.values()) {
                for (GateActivation gate : GateActivation.values()) {
                    checks.add(guarded("float vs ReferenceLstm, " + choice + ", " + cell + "/" + gate,
                            () -> againstReference(choice, cell, gate)));
                }
            }
        }
        return checks;
    }

    /** For each engine and kernel choice, the kernel it picks and the median time of a predict: to run. */
    static List<Supplier<Check>> timings(int warmup, int runs) {
        List<Supplier<Check>> timings = new ArrayList<>();
        for (EngineKind kind : EngineKind.values()) {
            for (KernelChoice choice : KernelChoice.values()) {
                timings.add(guarded(kind + " " + choice, () -> timing(kind, choice, warmup, runs)));
            }
        }
        return timings;
    }

    private static Check golden(String name, KernelChoice choice) {
        try {
            Q16Golden golden = Q16Golden.load(name);
            Q16Engine engine = new Q16Engine(golden.model(), choice);
            String actual = golden.actual(engine);
            boolean same = actual.equals(golden.expected());
            return new Check(same, "q16 golden " + name + ", " + choice + " (" + engine.kernelName() + "): "
                    + (same ? "bit for bit" : "differs: " + actual.replace('\n', ' ') + ", expected "
                            + golden.expected().replace('\n', ' ')));
        } catch (IOException e) {
            return new Check(false, "q16 golden " + name + ": cannot read it: " + e.getMessage());
        }
    }

    private static Check againstReference(KernelChoice choice, CellActivation cell, GateActivation gate) {
        FloatVsReference.Worst worst = FloatVsReference.worst(model -> new FloatEngine(model, choice), cell, gate);
        return new Check(worst.within(), String.format(Locale.ROOT,
                "float vs ReferenceLstm, %s (%s), %s/%s: worst relative error %.2e (allowed %.0e)%s", choice,
                worst.kernel(), cell, gate, worst.error(), FloatVsReference.TOLERANCE,
                worst.within() ? "" : " at " + worst.where()));
    }

    private static Check timing(EngineKind kind, KernelChoice choice, int warmup, int runs) {
        Engine engine = kind.create(TIMED, choice);
        float[] window = RandomModels.flatten(RandomModels.window(TIMED, 17));
        float[] out = new float[TIMED.outputCount()];
        long start = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            engine.predict(window, out);
        }
        double warmupSeconds = (System.nanoTime() - start) / 1e9;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            engine.predict(window, out);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        String kernel = engine instanceof Q16Engine q16 ? q16.kernelName() : ((FloatEngine) engine).kernelName();
        return new Check(true, String.format(Locale.ROOT,
                "%s %s picks %s: predict (H = 64, T = 48) %.3f ms, median of %d after %d warm-up (%.1f s)", kind,
                choice, kernel, nanos[runs / 2] / 1e6, runs, warmup, warmupSeconds));
    }

    /**
     * The check, or a failed one saying what it threw: a kernel that cannot even be built on this platform (a class
     * that fails to initialize) is a finding of this report, not a reason to stop it.
     */
    private static Supplier<Check> guarded(String what, Supplier<Check> check) {
        return () -> {
            try {
                return check.get();
            } catch (RuntimeException | LinkageError e) {
                return new Check(false, what + ": " + e);
            }
        };
    }
}
