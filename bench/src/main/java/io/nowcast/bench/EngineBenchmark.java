package io.nowcast.bench;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.Model;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the float engine: {@code predict} of a whole window (T = 48) and one streaming
 * {@code step}, for two layers of H, 6 inputs and 3 outputs, with tanh/sigmoid or ISRU/ISRU-sigmoid,
 * with the fast kernel or the reference kernel. GFLOP/s follow from the time and the matrix work,
 * 2·4H·(n + H) per layer and step (bench/run.sh prints them). Run with {@code -prof gc} for the
 * bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineBenchmark {
    @Param({"16", "64", "128", "256"})
    public int hidden;

    /** "tanh": tanh cell, logistic gates; "isru": ISRU cell, ISRU-sigmoid gates. */
    @Param({"tanh", "isru"})
    public String activations;

    /** "fast": what new FloatEngine(model) picks (the Vector API kernel here); "reference": the plain kernel. */
    @Param({"fast", "reference"})
    public String kernel;

    private FloatEngine engine;
    private float[] window; // [T][I] raw inputs, row-major
    private float[][] rows; // the same rows one by one, for step
    private float[] out; // [O]
    private int next; // the row the next step reads

    @Setup
    public void setUp() {
        Model model = BenchModels.model(hidden, activations);
        engine = switch (kernel) {
            case "fast" -> new FloatEngine(model);
            case "reference" -> new FloatEngine(model, KernelChoice.REFERENCE);
            default -> throw new IllegalArgumentException("kernel " + kernel + ": expected fast or reference");
        };
        rows = BenchModels.rows(model, 18);
        window = BenchModels.window(rows);
        out = new float[model.outputCount()];
    }

    @Benchmark
    public float[] predict() {
        engine.predict(window, out);
        return out;
    }

    @Benchmark
    public float[] step() {
        engine.step(rows[next], out);
        next = next + 1 == rows.length ? 0 : next + 1;
        return out;
    }
}
