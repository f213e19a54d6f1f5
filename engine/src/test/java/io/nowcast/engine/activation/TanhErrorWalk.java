package io.nowcast.engine.activation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks float bit patterns (NaNs skipped), computes {@link RationalTanhLanes} over them in lanes and
 * compares every result with the double-precision yardstick: {@code Math.tanh(x)} for tanh,
 * {@code 1 / (1 + Math.exp(-x))} for σ. Also checks that the scalar {@link RationalTanh} gives the
 * same bits, that tanh is odd and within [−1, 1] and σ within [0, 1]; any failure of those is
 * counted.
 *
 * <p>{@code main} walks all 2^32 patterns (a minute or two on two cores) and prints the table in
 * docs/engine.md:
 * <pre>
 *   bin/mvn-jdk -q -B -o -pl engine -am install -DskipTests
 *   java --add-modules jdk.incubator.vector -cp engine/target/classes:engine/target/test-classes \
 *       io.nowcast.engine.activation.TanhErrorWalk [step] [threads]
 * </pre>
 * {@code RationalTanhTest} runs the same walk over a part of the range in the default build.
 */
public final class TanhErrorWalk {
    private static final int CHUNK = 4096;

    /** The worst errors found, with their arguments, and the count of broken properties. */
    public static final class Result {
        long values;
        double tanhMaxAbs;
        float tanhMaxAbsAt;
        double tanhMaxUlp;
        float tanhMaxUlpAt;
        double sigmoidMaxAbs;
        float sigmoidMaxAbsAt;
        long scalarMismatches; // lanes ≠ scalar, bit for bit
        long oddMismatches; // tanh(−x) ≠ −tanh(x)
        long outOfRange; // |tanh| > 1 or σ outside [0, 1]
        float firstMismatchAt = Float.NaN;

        void merge(Result o) {
            values += o.values;
            if (o.tanhMaxAbs > tanhMaxAbs) {
                tanhMaxAbs = o.tanhMaxAbs;
                tanhMaxAbsAt = o.tanhMaxAbsAt;
            }
            if (o.tanhMaxUlp > tanhMaxUlp) {
                tanhMaxUlp = o.tanhMaxUlp;
                tanhMaxUlpAt = o.tanhMaxUlpAt;
            }
            if (o.sigmoidMaxAbs > sigmoidMaxAbs) {
                sigmoidMaxAbs = o.sigmoidMaxAbs;
                sigmoidMaxAbsAt = o.sigmoidMaxAbsAt;
            }
            scalarMismatches += o.scalarMismatches;
            oddMismatches += o.oddMismatches;
            outOfRange += o.outOfRange;
            if (Float.isNaN(firstMismatchAt)) {
                firstMismatchAt = o.firstMismatchAt;
            }
        }

        @Override
        public String toString() {
            return String.format("%,d floats: tanh max abs error %.4g at x = %s, max %.3f ulp at x = %s; "
                    + "sigmoid max abs error %.4g at x = %s; lanes != scalar: %d, tanh(-x) != -tanh(x): %d, "
                    + "out of range: %d", values, tanhMaxAbs, tanhMaxAbsAt, tanhMaxUlp, tanhMaxUlpAt, sigmoidMaxAbs,
                    sigmoidMaxAbsAt, scalarMismatches, oddMismatches, outOfRange);
        }
    }

    private TanhErrorWalk() {
    }

    /**
     * Every {@code step}-th bit pattern from {@code first} (inclusive) to {@code last} (exclusive),
     * as unsigned 32-bit values (0 to 2^32), split over {@code threads} threads.
     */
    public static Result walk(long first, long last, int step, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long slices = threads * 16L;
            long span = (last - first + slices - 1) / slices;
            span = (span + step - 1) / step * step; // slices start on the walk's own grid
            List<Future<Result>> parts = new ArrayList<>();
            for (long from = first; from < last; from += span) {
                long a = from;
                long b = Math.min(last, from + span);
                parts.add(pool.submit(() -> walkSlice(a, b, step)));
            }
            Result total = new Result();
            for (Future<Result> f : parts) {
                total.merge(f.get());
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static Result walkSlice(long first, long last, int step) {
        Result r = new Result();
        float[] x = new float[CHUNK];
        float[] t = new float[CHUNK];
        float[] tn = new float[CHUNK];
        float[] s = new float[CHUNK];
        long bits = first;
        while (bits < last) {
            int n = 0;
            for (; n < CHUNK && bits < last; bits += step) {
                float v = Float.intBitsToFloat((int) bits);
                if (!Float.isNaN(v)) {
                    x[n++] = v;
                }
            }
            for (int i = 0; i < n; i++) {
                t[i] = x[i];
                tn[i] = -x[i];
                s[i] = x[i];
            }
            RationalTanhLanes.tanhInPlace(t, 0, n);
            RationalTanhLanes.tanhInPlace(tn, 0, n);
            RationalTanhLanes.sigmoidInPlace(s, 0, n);
            for (int i = 0; i < n; i++) {
                float v = x[i];
                check(r, v, t[i], tn[i], s[i]);
            }
            r.values += n;
        }
        return r;
    }

    private static void check(Result r, float x, float tanh, float tanhOfMinus, float sigmoid) {
        if (Float.floatToRawIntBits(tanh) != Float.floatToRawIntBits(RationalTanh.tanh(x))
                || Float.floatToRawIntBits(sigmoid) != Float.floatToRawIntBits(RationalTanh.sigmoid(x))) {
            r.scalarMismatches++;
            if (Float.isNaN(r.firstMismatchAt)) {
                r.firstMismatchAt = x;
            }
        }
        if (Float.floatToRawIntBits(tanhOfMinus) != Float.floatToRawIntBits(-tanh)) {
            r.oddMismatches++;
        }
        if (!(Math.abs(tanh) <= 1f) || !(sigmoid >= 0f && sigmoid <= 1f)) {
            r.outOfRange++;
        }
        double exact = Math.tanh(x);
        double abs = Math.abs(tanh - exact);
        if (abs > r.tanhMaxAbs) {
            r.tanhMaxAbs = abs;
            r.tanhMaxAbsAt = x;
        }
        double ulp = abs / Math.ulp((float) exact);
        if (ulp > r.tanhMaxUlp) {
            r.tanhMaxUlp = ulp;
            r.tanhMaxUlpAt = x;
        }
        double sAbs = Math.abs(sigmoid - 1 / (1 + Math.exp(-(double) x)));
        if (sAbs > r.sigmoidMaxAbs) {
            r.sigmoidMaxAbs = sAbs;
            r.sigmoidMaxAbsAt = x;
        }
    }

    public static void main(String[] args) throws Exception {
        int step = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        Result r = walk(0, 1L << 32, step, threads);
        System.out.printf("%s (%s, step %d, %d threads, %.1f s)%n", r, System.getProperty("java.vm.version"), step,
                threads, (System.nanoTime() - start) / 1e9);
    }
}
