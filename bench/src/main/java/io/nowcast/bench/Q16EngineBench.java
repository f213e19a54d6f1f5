package io.nowcast.bench;

import io.nowcast.engine.Engine;
import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.Q16Engine;
import io.nowcast.engine.model.Model;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Q16 engine versus float engine: one {@code predict} (a whole window of T = 48 steps, two layers,
 * 6 inputs, 3 outputs: the very model and rows of EngineBenchmark, from BenchModels) and one
 * streaming {@code step} (cycling through the rows), at hidden sizes 16, 64, 128 and 256, for
 * the all-ISRU model (ISRU / ISRU-sigmoid) and the classic one (tanh / logistic sigmoid, which the
 * Q16 engine computes by table). Engines: q16 (what {@code new Q16Engine(model)} picks: its Vector API
 * kernel, with vector unit updates for all-ISRU); q16-scalar (its reference kernel,
 * {@link KernelChoice#REFERENCE}, what runs in a JVM without the Vector API); float (what
 * {@code new FloatEngine(model)} picks: the Vector API kernel, since the fork adds
 * jdk.incubator.vector as bin/nowcast does); and float-reference (the float engine's plain kernel).
 * Run with {@code -prof gc} to see the allocation rate (zero).
 */
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Q16EngineBench {
    @Param({"16", "64", "128", "256"})
    public int hidden;

    /** isru: ISRU / ISRU-sigmoid; tanh: tanh / logistic sigmoid. */
    @Param({"isru", "tanh"})
    public String activations;

    @Param({"q16", "q16-scalar", "float", "float-reference"})
    public String engine;

    private Engine runner;
    private float[] window; // [T][I] raw inputs, row-major
    private float[][] rows; // the same rows one by one, for step
    private float[] out; // [O]
    private int next; // the row the next step reads

    @Setup
    public void setUp() {
        Model model = BenchModels.model(hidden, activations);
        runner = switch (engine) {
            case "q16" -> new Q16Engine(model);
            case "q16-scalar" -> new Q16Engine(model, KernelChoice.REFERENCE);
            case "float" -> new FloatEngine(model);
            case "float-reference" -> new FloatEngine(model, KernelChoice.REFERENCE);
            default -> throw new IllegalArgumentException(
                    "engine " + engine + ": expected q16, q16-scalar, float or float-reference");
        };
        rows = BenchModels.rows(model, 18);
        window = BenchModels.window(rows);
        out = new float[model.outputCount()];
    }

    @Benchmark
    public float[] predict() {
        runner.predict(window, out);
        return out;
    }

    @Benchmark
    public float[] step() {
        runner.step(rows[next], out);
        next = next + 1 == rows.length ? 0 : next + 1;
        return out;
    }
}
