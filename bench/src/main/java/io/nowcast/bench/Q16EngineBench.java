package io.nowcast.bench;

import io.nowcast.runtime.engine.Engine;
import io.nowcast.runtime.engine.FloatEngine;
import io.nowcast.runtime.engine.Q16Engine;
import io.nowcast.runtime.model.CellActivation;
import io.nowcast.runtime.model.GateActivation;
import io.nowcast.runtime.model.Model;
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
 * 6 inputs, 3 outputs) and one streaming {@code step}, at hidden sizes 16, 64, 128 and 256, for
 * the all-ISRU model (ISRU / ISRU-sigmoid) and the classic one (tanh / logistic sigmoid, which the
 * Q16 engine computes by table). Engines: q16; float (what {@code new FloatEngine(model)} picks:
 * the Vector API kernel, since the fork adds jdk.incubator.vector as bin/nowcast does); and
 * float-reference (the float engine's plain kernel). Run with {@code -prof gc} to see the
 * allocation rate (zero).
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

    @Param({"q16", "float", "float-reference"})
    public String engine;

    private Engine runner;
    private float[] window;
    private float[] row;
    private float[] out;

    @Setup
    public void setUp() {
        boolean isru = activations.equals("isru");
        Model model = Q16BenchModels.model(hidden, isru ? CellActivation.ISRU : CellActivation.TANH,
                isru ? GateActivation.ISRU_SIGMOID : GateActivation.SIGMOID);
        runner = switch (engine) {
            case "q16" -> new Q16Engine(model);
            case "float" -> new FloatEngine(model);
            case "float-reference" -> FloatEngine.withReferenceKernel(model);
            default -> throw new IllegalArgumentException("engine " + engine + ": expected q16, float or float-reference");
        };
        window = Q16BenchModels.window(model, 1);
        row = new float[model.inputCount()];
        System.arraycopy(window, 0, row, 0, row.length);
        out = new float[model.outputCount()];
    }

    @Benchmark
    public float[] predict() {
        runner.predict(window, out);
        return out;
    }

    @Benchmark
    public float[] step() {
        runner.step(row, out);
        return out;
    }
}
