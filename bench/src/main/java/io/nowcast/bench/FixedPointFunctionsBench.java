package io.nowcast.bench;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.fixedpoint.Q16Isru;
import io.nowcast.fixedpoint.Q16Roots;
import io.nowcast.fixedpoint.Q16Tanh;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fixed-point functions, per element: each benchmark applies one function to the same 1024
 * varied Q16.16 inputs (uniform in [-8, 8], where LSTM pre-activations live; sqrt and rsqrt get
 * their absolute values) and folds the results into the returned sum, so the JIT can neither
 * constant-fold nor drop the work. Scores are ns per element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FixedPointFunctionsBench {
    private static final int N = 1024;

    private int[] x; // Q16.16, in [-8, 8]
    private int[] positive; // Q16.16, in (0, 8]

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(2026);
        x = new int[N];
        positive = new int[N];
        for (int k = 0; k < N; k++) {
            x[k] = rnd.nextInt(-8 << 16, (8 << 16) + 1);
            positive[k] = Math.max(1, Math.abs(x[k]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int isru() {
        int sum = 0;
        for (int v : x) {
            sum += Q16Isru.isru(v);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int isruSigmoid() {
        int sum = 0;
        for (int v : x) {
            sum += Q16Isru.isruSigmoid(v);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int tanhTable() {
        int sum = 0;
        for (int v : x) {
            sum += Q16Tanh.tanh(v);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int sigmoidTable() {
        int sum = 0;
        for (int v : x) {
            sum += Q16Tanh.sigmoid(v);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int sqrt() {
        int sum = 0;
        for (int v : positive) {
            sum += Q16Roots.sqrt(v);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int rsqrt() {
        int sum = 0;
        for (int v : positive) {
            sum += Q16Roots.rsqrt(v);
        }
        return sum;
    }

    /** One multiply-accumulate of a 1024-long dot product in the 64-bit accumulator. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long dot() {
        return Q16Dot.dot(x, 0, positive, 0, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int mul() {
        int sum = 0;
        for (int k = 0; k < N; k++) {
            sum += Q16.mul(x[k], positive[k]);
        }
        return sum;
    }
}
