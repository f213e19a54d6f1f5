package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.engine.model.Gate;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gate sums on the JDK Vector API ({@code jdk.incubator.vector}), with the platform's widest
 * long species (L lanes: 8 with AVX-512, 4 with AVX2, 2 with NEON). Loaded only where that module
 * is present (see Q16Engine).
 *
 * <p>For two blocks of L hidden units at once, each gate is one L-wide vector of 64-bit accumulators
 * held in a register over all n + H columns (8 accumulators): per column, one broadcast of the
 * input value and, per gate and block, one load of L int weights sign-extended to long, one 64-bit
 * multiply and one add. The accumulators meet memory once per pair of blocks instead of once per
 * pair of columns as in {@link Q16ScalarGates}. Hidden units are padded with zero weights to an
 * even number of blocks. Measured while developing it (2026-11-28, AVX-512, L = 8): 0.067 ns per
 * multiply-accumulate at H = 64 and 256 against 0.073–0.094 for the scalar gates (one block at a
 * time: 0.083–0.087, slower than scalar beyond H = 16). For a window ({@link Q16WindowGates}),
 * b + W·x_t of four steps share each loaded weight vector (16 accumulators), and the recurrent
 * half then starts from those sums instead of the bias. Products and sums are the exact Q32.32 values that
 * {@link Q16Dot#multiplyColumns} forms, so the results are bit-identical (Q16GatesTest); the
 * no-overflow bound of Q16Dot holds for every partial sum in any order.
 */
final class Q16VectorGates implements Q16WindowGates {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = LONGS.length();
    /** L ints: half the long vector's bits, widened to L longs by one sign-extension. */
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));

    private final int blocks; // ceil(H / 2L) · 2
    private final int paddedHidden; // Hp = blocks · L, the stride of the sums
    private final int inputSize; // n
    private final int width; // n + H
    /**
     * [blocks][n + H][4][L]: tiles[((jb·(n+H) + k)·4 + gate)·L + lane] = fused row
     * gate.firstRow(H) + jb·L + lane, column k, Q16.16 (0 for a padded unit).
     */
    private final int[] tiles;
    private final long[] bias; // [4][Hp]: b of gate g, unit j at g·Hp + j, Q32.32 (0 for padding)

    private Q16VectorGates(int[] fused, int[] bias, int hidden, int width) {
        this.width = width;
        inputSize = width - hidden;
        blocks = (hidden + 2 * LANES - 1) / (2 * LANES) * 2; // an even count: blocks go in pairs
        paddedHidden = blocks * LANES;
        tiles = new int[blocks * width * Gate.COUNT * LANES];
        this.bias = new long[Gate.COUNT * paddedHidden];
        for (Gate gate : Gate.values()) {
            for (int j = 0; j < hidden; j++) {
                int row = gate.firstRow(hidden) + j;
                int jb = j / LANES;
                int lane = j % LANES;
                for (int k = 0; k < width; k++) {
                    tiles[((jb * width + k) * Gate.COUNT + gate.ordinal()) * LANES + lane] = fused[row * width + k];
                }
                this.bias[gate.ordinal() * paddedHidden + j] = Q16Dot.widen(bias[row]);
            }
        }
    }

    /**
     * The gate sums of a layer; only called where the Vector API module is present.
     *
     * @param fused [4H][n + H], row-major, Q16.16
     * @param bias [4H], Q16.16
     */
    static Q16Gates create(int[] fused, int[] bias, int hidden, int width) {
        return new Q16VectorGates(fused, bias, hidden, width);
    }

    /** True when the platform gives the Vector API at least 2 long lanes. */
    static boolean usable() {
        return LANES >= 2;
    }

    @Override
    public void multiply(int[] input, long[] sums) {
        for (int jb = 0; jb < blocks; jb += 2) {
            twoBlocks(bias, 0, input, 0, sums, jb);
        }
    }

    @Override
    public void inputHalf(int[] xs, int from, int count, long[] half) {
        int rowWidth = Gate.COUNT * paddedHidden; // one step's [4][Hp] in half
        for (int jb = 0; jb < blocks; jb++) {
            int t = 0;
            for (; t + 4 <= count; t += 4) {
                fourSteps(xs, from + t * inputSize, half, t * rowWidth, jb);
            }
            for (; t < count; t++) {
                oneStep(xs, from + t * inputSize, half, t * rowWidth, jb);
            }
        }
    }

    @Override
    public void recurrentHalf(long[] half, int t, int[] input, long[] sums) {
        for (int jb = 0; jb < blocks; jb += 2) {
            twoBlocks(half, t * Gate.COUNT * paddedHidden, input, inputSize, sums, jb);
        }
    }

    /**
     * Blocks jb and jb + 1 at once, 8 accumulators sharing each broadcast input value: sums =
     * start[startAt ..] (laid out [4][Hp]) + Σ over columns k ≥ from of column k · input[k].
     */
    private void twoBlocks(long[] start, int startAt, int[] input, int from, long[] sums, int jb) {
        int stride = Gate.COUNT * LANES; // from one column's tile to the next
        int j = jb * LANES;
        int hp = paddedHidden;
        int s = startAt + j;
        LongVector ai = LongVector.fromArray(LONGS, start, s);
        LongVector af = LongVector.fromArray(LONGS, start, hp + s);
        LongVector ag = LongVector.fromArray(LONGS, start, 2 * hp + s);
        LongVector ao = LongVector.fromArray(LONGS, start, 3 * hp + s);
        LongVector bi = LongVector.fromArray(LONGS, start, s + LANES);
        LongVector bf = LongVector.fromArray(LONGS, start, hp + s + LANES);
        LongVector bg = LongVector.fromArray(LONGS, start, 2 * hp + s + LANES);
        LongVector bo = LongVector.fromArray(LONGS, start, 3 * hp + s + LANES);
        int at = (jb * width + from) * stride;
        int bt = at + width * stride;
        for (int k = from; k < width; k++, at += stride, bt += stride) {
            LongVector x = LongVector.broadcast(LONGS, input[k]);
            ai = ai.add(widened(at).mul(x));
            af = af.add(widened(at + LANES).mul(x));
            ag = ag.add(widened(at + 2 * LANES).mul(x));
            ao = ao.add(widened(at + 3 * LANES).mul(x));
            bi = bi.add(widened(bt).mul(x));
            bf = bf.add(widened(bt + LANES).mul(x));
            bg = bg.add(widened(bt + 2 * LANES).mul(x));
            bo = bo.add(widened(bt + 3 * LANES).mul(x));
        }
        ai.intoArray(sums, j);
        af.intoArray(sums, hp + j);
        ag.intoArray(sums, 2 * hp + j);
        ao.intoArray(sums, 3 * hp + j);
        bi.intoArray(sums, j + LANES);
        bf.intoArray(sums, hp + j + LANES);
        bg.intoArray(sums, 2 * hp + j + LANES);
        bo.intoArray(sums, 3 * hp + j + LANES);
    }

    /**
     * Block jb's b + W·x_t for four steps at once (16 accumulators: each loaded weight vector
     * serves four steps): x_t = xs[x0 + t·n ..], t = 0..3, into half[h0 + t·4Hp + g·Hp + j ..].
     */
    private void fourSteps(int[] xs, int x0, long[] half, int h0, int jb) {
        int stride = Gate.COUNT * LANES;
        int j = jb * LANES;
        int hp = paddedHidden;
        int n = inputSize;
        int rowWidth = Gate.COUNT * hp;
        LongVector i0 = LongVector.fromArray(LONGS, bias, j);
        LongVector f0 = LongVector.fromArray(LONGS, bias, hp + j);
        LongVector g0 = LongVector.fromArray(LONGS, bias, 2 * hp + j);
        LongVector o0 = LongVector.fromArray(LONGS, bias, 3 * hp + j);
        LongVector i1 = i0, f1 = f0, g1 = g0, o1 = o0;
        LongVector i2 = i0, f2 = f0, g2 = g0, o2 = o0;
        LongVector i3 = i0, f3 = f0, g3 = g0, o3 = o0;
        int at = jb * width * stride;
        for (int k = 0; k < n; k++, at += stride) {
            LongVector wi = widened(at);
            LongVector wf = widened(at + LANES);
            LongVector wg = widened(at + 2 * LANES);
            LongVector wo = widened(at + 3 * LANES);
            LongVector x = LongVector.broadcast(LONGS, xs[x0 + k]);
            i0 = i0.add(wi.mul(x));
            f0 = f0.add(wf.mul(x));
            g0 = g0.add(wg.mul(x));
            o0 = o0.add(wo.mul(x));
            x = LongVector.broadcast(LONGS, xs[x0 + n + k]);
            i1 = i1.add(wi.mul(x));
            f1 = f1.add(wf.mul(x));
            g1 = g1.add(wg.mul(x));
            o1 = o1.add(wo.mul(x));
            x = LongVector.broadcast(LONGS, xs[x0 + 2 * n + k]);
            i2 = i2.add(wi.mul(x));
            f2 = f2.add(wf.mul(x));
            g2 = g2.add(wg.mul(x));
            o2 = o2.add(wo.mul(x));
            x = LongVector.broadcast(LONGS, xs[x0 + 3 * n + k]);
            i3 = i3.add(wi.mul(x));
            f3 = f3.add(wf.mul(x));
            g3 = g3.add(wg.mul(x));
            o3 = o3.add(wo.mul(x));
        }
        int h = h0 + j;
        i0.intoArray(half, h);
        f0.intoArray(half, h + hp);
        g0.intoArray(half, h + 2 * hp);
        o0.intoArray(half, h + 3 * hp);
        h += rowWidth;
        i1.intoArray(half, h);
        f1.intoArray(half, h + hp);
        g1.intoArray(half, h + 2 * hp);
        o1.intoArray(half, h + 3 * hp);
        h += rowWidth;
        i2.intoArray(half, h);
        f2.intoArray(half, h + hp);
        g2.intoArray(half, h + 2 * hp);
        o2.intoArray(half, h + 3 * hp);
        h += rowWidth;
        i3.intoArray(half, h);
        f3.intoArray(half, h + hp);
        g3.intoArray(half, h + 2 * hp);
        o3.intoArray(half, h + 3 * hp);
    }

    /** As {@link #fourSteps} for one step. */
    private void oneStep(int[] xs, int x0, long[] half, int h0, int jb) {
        int stride = Gate.COUNT * LANES;
        int j = jb * LANES;
        int hp = paddedHidden;
        LongVector ai = LongVector.fromArray(LONGS, bias, j);
        LongVector af = LongVector.fromArray(LONGS, bias, hp + j);
        LongVector ag = LongVector.fromArray(LONGS, bias, 2 * hp + j);
        LongVector ao = LongVector.fromArray(LONGS, bias, 3 * hp + j);
        int at = jb * width * stride;
        for (int k = 0; k < inputSize; k++, at += stride) {
            LongVector x = LongVector.broadcast(LONGS, xs[x0 + k]);
            ai = ai.add(widened(at).mul(x));
            af = af.add(widened(at + LANES).mul(x));
            ag = ag.add(widened(at + 2 * LANES).mul(x));
            ao = ao.add(widened(at + 3 * LANES).mul(x));
        }
        int h = h0 + j;
        ai.intoArray(half, h);
        af.intoArray(half, h + hp);
        ag.intoArray(half, h + 2 * hp);
        ao.intoArray(half, h + 3 * hp);
    }

    /** L weights from tiles[at ..], sign-extended to long. */
    private LongVector widened(int at) {
        return (LongVector) IntVector.fromArray(INTS, tiles, at).convertShape(VectorOperators.I2L, LONGS, 0);
    }

    @Override
    public int stride() {
        return paddedHidden;
    }

    @Override
    public String name() {
        return "vector-" + LANES + "x64";
    }
}
