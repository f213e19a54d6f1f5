package io.nowcast.bench;

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
 * The research's math benchmark: each activation applied to an array of {@value #N} inputs
 * uniform in [-4, 4], in double and in float, timed per element (ns/op with
 * {@code @OperationsPerInvocation(N)}). The array loop is the measured code: it is what an engine
 * does, and it lets the JIT vectorize what it can (the ISRU forms are a multiply, an add, a square
 * root and a divide; {@code Math.tanh} and {@code Math.exp} are calls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(MathBenchmark.N)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MathBenchmark {
    /** Elements per call: 8 KiB of doubles, well inside L1 with the outputs. */
    static final int N = 1024;

    private double[] xd; // inputs [N] in [-4, 4]
    private float[] xf; // the same inputs as float [N]
    private double[] yd; // outputs [N]
    private float[] yf; // outputs [N]

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        xd = new double[N];
        xf = new float[N];
        yd = new double[N];
        yf = new float[N];
        for (int i = 0; i < N; i++) {
            xd[i] = 8 * rnd.nextDouble() - 4;
            xf[i] = (float) xd[i];
        }
    }

    @Benchmark
    public double[] tanhDouble() {
        for (int i = 0; i < N; i++) {
            yd[i] = Math.tanh(xd[i]);
        }
        return yd;
    }

    @Benchmark
    public float[] tanhFloat() {
        for (int i = 0; i < N; i++) {
            yf[i] = (float) Math.tanh(xf[i]);
        }
        return yf;
    }

    /** ISRU: x / sqrt(1 + x²). */
    @Benchmark
    public double[] isruDouble() {
        for (int i = 0; i < N; i++) {
            double x = xd[i];
            yd[i] = x / Math.sqrt(1 + x * x);
        }
        return yd;
    }

    @Benchmark
    public float[] isruFloat() {
        for (int i = 0; i < N; i++) {
            float x = xf[i];
            yf[i] = x / (float) Math.sqrt(1f + x * x);
        }
        return yf;
    }

    /** The logistic sigmoid 1 / (1 + e^-x). */
    @Benchmark
    public double[] sigmoidDouble() {
        for (int i = 0; i < N; i++) {
            yd[i] = 1 / (1 + Math.exp(-xd[i]));
        }
        return yd;
    }

    @Benchmark
    public float[] sigmoidFloat() {
        for (int i = 0; i < N; i++) {
            yf[i] = 1f / (1f + (float) Math.exp(-xf[i]));
        }
        return yf;
    }

    /** ISRU-sigmoid: ½ · (1 + x / sqrt(4 + x²)). */
    @Benchmark
    public double[] isruSigmoidDouble() {
        for (int i = 0; i < N; i++) {
            double x = xd[i];
            yd[i] = 0.5 * (1 + x / Math.sqrt(4 + x * x));
        }
        return yd;
    }

    @Benchmark
    public float[] isruSigmoidFloat() {
        for (int i = 0; i < N; i++) {
            float x = xf[i];
            yf[i] = 0.5f * (1f + x / (float) Math.sqrt(4f + x * x));
        }
        return yf;
    }

    @Benchmark
    public double[] expDouble() {
        for (int i = 0; i < N; i++) {
            yd[i] = Math.exp(xd[i]);
        }
        return yd;
    }

    @Benchmark
    public float[] expFloat() {
        for (int i = 0; i < N; i++) {
            yf[i] = (float) Math.exp(xf[i]);
        }
        return yf;
    }
}
