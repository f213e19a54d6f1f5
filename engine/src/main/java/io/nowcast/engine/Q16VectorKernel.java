package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.GateActivation;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Q16.16 kernel on the JDK Vector API ({@code jdk.incubator.vector}), with the platform's
 * widest long species (L lanes: 8 with AVX-512, 4 with AVX2, 2 with NEON). Loaded only where that
 * module is present (see {@link KernelChoice#vectorApi()}). Bit for bit the reference kernel's
 * results (Q16KernelTest).
 *
 * <p><b>Gates.</b> Weights are {@link Q16PackedLayer}s. The recurrent half, step by step: for two
 * blocks of L hidden units at once, each gate is one L-wide vector of 64-bit accumulators held in
 * a register over the H columns of U (8 accumulators), started from the step's input half: per
 * column, one broadcast of h_k and, per gate and block, one load of L int weights sign-extended to
 * long, one 64-bit multiply and one add. Measured while developing it (2026-11-28, AVX-512,
 * L = 8): 0.067 ns per multiply-accumulate at H = 64 and 256 against 0.073–0.094 for the
 * reference kernel's column pass (one block at a time: 0.083–0.087, slower than the reference
 * beyond H = 16). The input half of a run of steps: per block, the four gates of four steps at a
 * time (16 accumulators) share each loaded weight vector, and W is read once per run, which
 * matters where the weights do not fit the cache (H = 256); the last count mod 4 steps go two
 * blocks at a time over W's columns, and a stream's step over all of [W U] in one pass. Products
 * and sums are the exact Q32.32 values that the reference kernel forms, so the sums are
 * bit-identical; the no-overflow bound of {@link Q16Dot} holds for every partial sum in any order.
 *
 * <p><b>Cells</b> of an all-ISRU model (ISRU cell, ISRU-sigmoid gates): L units at a time
 * ({@link Q16IsruCells}), the last H mod L units, and every unit of the other activation pairs,
 * through {@link Q16ReferenceKernel#unit}.
 */
final class Q16VectorKernel implements Q16Kernel {
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    static final int LANES = LONGS.length();
    /** L ints: half the long vector's bits, to and from L longs by one conversion. */
    static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));
    /** From one column's [4][L] weights to the next in a {@link Q16PackedLayer}'s tiles. */
    private static final int COLUMN = Gate.COUNT * LANES;

    private final Q16PackedLayer[] layers;
    private final boolean isruCell; // φ: ISRU, else tanh
    private final boolean isruGate; // σ: ISRU-sigmoid, else logistic

    private Q16VectorKernel(Q16Layer[] layers, CellActivation cell, GateActivation gate) {
        this.layers = new Q16PackedLayer[layers.length];
        for (int l = 0; l < layers.length; l++) {
            this.layers[l] = new Q16PackedLayer(layers[l], LANES);
        }
        isruCell = cell == CellActivation.ISRU;
        isruGate = gate == GateActivation.ISRU_SIGMOID;
    }

    /** The kernel for these layers; only called where the Vector API module is present. */
    static Q16Kernel create(Q16Layer[] layers, CellActivation cell, GateActivation gate) {
        return new Q16VectorKernel(layers, cell, gate);
    }

    /** True when the platform gives this kernel enough long lanes ({@link #usable(int)}). */
    static boolean usable() {
        return usable(LANES);
    }

    /**
     * True from 4 long lanes (256-bit vectors: AVX2, AVX-512, SVE-256). Measured 2026-12-02 (docs/arm.md), a predict
     * at H = 64, T = 48 with 2 lanes: 2.4 times slower than the reference kernel on x86-64 (-XX:MaxVectorSize=16),
     * and 10 times slower under NEON, where C2 has no 64-bit lane multiply and runs the Vector API's Java fallback;
     * with 4 lanes (AVX2) 1.8 times faster.
     */
    static boolean usable(int lanes) {
        return lanes >= 4;
    }

    @Override
    public void inputGates(int layer, int[] xs, int count, long[] half) {
        Q16PackedLayer q = layers[layer];
        int n = q.inputSize;
        int rowWidth = Gate.COUNT * q.paddedHidden; // one step's [4][Hp] in half
        int fours = count / 4 * 4;
        for (int jb = 0; jb < q.blocks; jb++) { // a block's W is read once per run of steps
            for (int t = 0; t < fours; t += 4) {
                fourSteps(q, xs, t * n, half, t * rowWidth, jb);
            }
        }
        for (int t = fours; t < count; t++) { // the last count mod 4 steps one at a time, W's columns only
            for (int jb = 0; jb < q.blocks; jb += 2) {
                twoBlocks(q, 0, n, xs, t * n, null, q.bias, 0, half, t * rowWidth, jb);
            }
        }
    }

    @Override
    public void recurrentGates(int layer, long[] half, int t, int[] h, long[] sums) {
        Q16PackedLayer q = layers[layer];
        int start = t * Gate.COUNT * q.paddedHidden; // step t's [4][Hp] in half
        for (int jb = 0; jb < q.blocks; jb += 2) {
            twoBlocks(q, q.inputSize, q.width, null, 0, h, half, start, sums, 0, jb); // U's columns only
        }
    }

    /** A stream's step in one pass over [W U], 8 accumulators per two blocks: faster than the two halves. */
    @Override
    public void gates(int layer, int[] x, int[] h, long[] sums) {
        Q16PackedLayer q = layers[layer];
        for (int jb = 0; jb < q.blocks; jb += 2) {
            twoBlocks(q, 0, q.width, x, 0, h, q.bias, 0, sums, 0, jb);
        }
    }

    @Override
    public boolean cells(int layer, long[] sums, int[] h, int[] cell, int[] scratch) {
        Q16PackedLayer q = layers[layer];
        boolean clipped = false;
        int j = 0;
        if (isruCell && isruGate) {
            for (; j + LANES <= q.hiddenSize; j += LANES) {
                clipped |= Q16IsruCells.block(sums, q.paddedHidden, j, h, cell, scratch);
            }
        }
        for (; j < q.hiddenSize; j++) {
            clipped |= Q16ReferenceKernel.unit(sums, q.paddedHidden, j, h, cell, isruCell, isruGate);
        }
        return clipped;
    }

    @Override
    public int stride(int layer) {
        return layers[layer].paddedHidden;
    }

    @Override
    public int scratchLength() {
        return Q16IsruCells.SCRATCH;
    }

    @Override
    public String name() {
        return "vector-" + LANES + "x64";
    }

    /**
     * Blocks jb and jb + 1 at once over columns k in [first, end) of [W U], 8 accumulators sharing
     * each broadcast input value: for the 2L units j of the two blocks and each gate g,
     * to[toAt + g·Hp + j] = from[fromAt + g·Hp + j] + Σ_k [W U][g·H + j][k] · [x; h][k], where
     * [x; h][k] is x[xAt + k] for k &lt; n and h[k - n] beyond (x or h is not read, and may be null,
     * when no column needs it). The input half of one step (W's columns from the bias), the
     * recurrent half (U's columns from the input half), or both at once (a stream's step).
     */
    private static void twoBlocks(Q16PackedLayer q, int first, int end, int[] x, int xAt, int[] h, long[] from,
            int fromAt, long[] to, int toAt, int jb) {
        int hp = q.paddedHidden;
        int j = jb * LANES;
        int s = fromAt + j;
        LongVector ai = LongVector.fromArray(LONGS, from, s);
        LongVector af = LongVector.fromArray(LONGS, from, hp + s);
        LongVector ag = LongVector.fromArray(LONGS, from, 2 * hp + s);
        LongVector ao = LongVector.fromArray(LONGS, from, 3 * hp + s);
        LongVector bi = LongVector.fromArray(LONGS, from, s + LANES);
        LongVector bf = LongVector.fromArray(LONGS, from, hp + s + LANES);
        LongVector bg = LongVector.fromArray(LONGS, from, 2 * hp + s + LANES);
        LongVector bo = LongVector.fromArray(LONGS, from, 3 * hp + s + LANES);
        int[] tiles = q.tiles;
        int at = q.tile(jb, first, Gate.INPUT, LANES); // column `first` of block jb
        int bt = q.tile(jb + 1, first, Gate.INPUT, LANES); // and of block jb + 1
        int n = q.inputSize;
        for (int k = first; k < end; k++, at += COLUMN, bt += COLUMN) {
            LongVector v = LongVector.broadcast(LONGS, k < n ? x[xAt + k] : h[k - n]);
            ai = ai.add(widened(tiles, at).mul(v));
            af = af.add(widened(tiles, at + LANES).mul(v));
            ag = ag.add(widened(tiles, at + 2 * LANES).mul(v));
            ao = ao.add(widened(tiles, at + 3 * LANES).mul(v));
            bi = bi.add(widened(tiles, bt).mul(v));
            bf = bf.add(widened(tiles, bt + LANES).mul(v));
            bg = bg.add(widened(tiles, bt + 2 * LANES).mul(v));
            bo = bo.add(widened(tiles, bt + 3 * LANES).mul(v));
        }
        int d = toAt + j;
        ai.intoArray(to, d);
        af.intoArray(to, hp + d);
        ag.intoArray(to, 2 * hp + d);
        ao.intoArray(to, 3 * hp + d);
        bi.intoArray(to, d + LANES);
        bf.intoArray(to, hp + d + LANES);
        bg.intoArray(to, 2 * hp + d + LANES);
        bo.intoArray(to, 3 * hp + d + LANES);
    }

    /**
     * Block jb's b + W·x_t for four steps at once, 16 accumulators (four gates of four steps): each
     * loaded weight vector serves four steps. x_t = xs[x0 + t·n ..], t = 0..3, into
     * half[h0 + t·4Hp + g·Hp + j ..].
     */
    private static void fourSteps(Q16PackedLayer q, int[] xs, int x0, long[] half, int h0, int jb) {
        int j = jb * LANES;
        int hp = q.paddedHidden;
        int n = q.inputSize;
        int rowWidth = Gate.COUNT * hp;
        LongVector i0 = LongVector.fromArray(LONGS, q.bias, j);
        LongVector f0 = LongVector.fromArray(LONGS, q.bias, hp + j);
        LongVector g0 = LongVector.fromArray(LONGS, q.bias, 2 * hp + j);
        LongVector o0 = LongVector.fromArray(LONGS, q.bias, 3 * hp + j);
        LongVector i1 = i0, f1 = f0, g1 = g0, o1 = o0;
        LongVector i2 = i0, f2 = f0, g2 = g0, o2 = o0;
        LongVector i3 = i0, f3 = f0, g3 = g0, o3 = o0;
        int[] tiles = q.tiles;
        int at = q.tile(jb, 0, Gate.INPUT, LANES);
        for (int k = 0; k < n; k++, at += COLUMN) {
            LongVector wi = widened(tiles, at);
            LongVector wf = widened(tiles, at + LANES);
            LongVector wg = widened(tiles, at + 2 * LANES);
            LongVector wo = widened(tiles, at + 3 * LANES);
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

    /** L weights from tiles[at ..], Q16.16 sign-extended to long. */
    private static LongVector widened(int[] tiles, int at) {
        return (LongVector) IntVector.fromArray(INTS, tiles, at).convertShape(VectorOperators.I2L, LONGS, 0);
    }
}
