package io.nowcast.bench;

import io.nowcast.engine.activation.RationalTanh;
import io.nowcast.engine.activation.RationalTanhLanes;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float engine's activations alone, in float32, over an array of {@value #N} inputs uniform in
 * [-4, 4], timed per element (ns/op with {@code @OperationsPerInvocation(N)}): the rational tanh and
 * σ in Vector API lanes as the vector kernel now computes them ({@link RationalTanhLanes}), the same
 * rational one scalar call at a time ({@link RationalTanh}, as the JIT compiles a plain loop), the
 * lane-by-lane {@code Math.tanh} / {@code Math.exp} the vector kernel used before, and ISRU /
 * ISRU-sigmoid as plain loops, which the JIT vectorizes itself (the vector kernel writes the same
 * operations in Vector API lanes). Each call writes y from x; the in-place lane forms copy x into y
 * first (System.arraycopy of 4 KiB, included in their time and measured alone as {@code copy}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ActivationBenchmark.N)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBenchmark {
    /** Elements per call: inputs and outputs together 8 KiB, inside L1. */
    static final int N = 1024;
    private static final float ISRU_CLAMP = 0x1p20f; // as the engine's FloatActivations

    private float[] x; // inputs [N] in [-4, 4]
    private float[] y; // outputs [N]

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        x = new float[N];
        y = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (8 * rnd.nextDouble() - 4);
        }
    }

    /** The copy alone, the baseline of the two in-place lane forms below. */
    @Benchmark
    public float[] copy() {
        System.arraycopy(x, 0, y, 0, N);
        return y;
    }

    /** The rational tanh in lanes: the vector kernel's tanh now. */
    @Benchmark
    public float[] tanhRationalLanes() {
        System.arraycopy(x, 0, y, 0, N);
        RationalTanhLanes.tanhInPlace(y, 0, N);
        return y;
    }

    /** The same rational, one scalar call per element. */
    @Benchmark
    public float[] tanhRationalScalar() {
        for (int i = 0; i < N; i++) {
            y[i] = RationalTanh.tanh(x[i]);
        }
        return y;
    }

    /** {@code (float) Math.tanh(x)} per element: the vector kernel's tanh before, and the reference kernel's. */
    @Benchmark
    public float[] tanhMath() {
        for (int i = 0; i < N; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
        return y;
    }

    /** ISRU x/sqrt(1 + x²), clamped as the engine clamps it, as a plain loop: the JIT vectorizes it. */
    @Benchmark
    public float[] isru() {
        for (int i = 0; i < N; i++) {
            float v = Math.max(-ISRU_CLAMP, Math.min(ISRU_CLAMP, x[i]));
            y[i] = v / (float) Math.sqrt(1f + v * v);
        }
        return y;
    }

    /** The rational σ = ½·tanh(x/2) + ½ in lanes: the vector kernel's logistic now. */
    @Benchmark
    public float[] sigmoidRationalLanes() {
        System.arraycopy(x, 0, y, 0, N);
        RationalTanhLanes.sigmoidInPlace(y, 0, N);
        return y;
    }

    /** {@code 1 / (1 + (float) Math.exp(-x))} per element: the vector kernel's logistic before. */
    @Benchmark
    public float[] sigmoidMath() {
        for (int i = 0; i < N; i++) {
            y[i] = 1f / (1f + (float) Math.exp(-x[i]));
        }
        return y;
    }

    /** ISRU-sigmoid ½(1 + x/sqrt(4 + x²)), clamped, as a plain loop: the JIT vectorizes it. */
    @Benchmark
    public float[] isruSigmoid() {
        for (int i = 0; i < N; i++) {
            float v = Math.max(-ISRU_CLAMP, Math.min(ISRU_CLAMP, x[i]));
            y[i] = 0.5f * (1f + v / (float) Math.sqrt(4f + v * v));
        }
        return y;
    }
}
