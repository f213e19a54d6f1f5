package io.nowcast.runtime.engine;

import io.nowcast.fixedpoint.Q16Dot;
import io.nowcast.runtime.model.Gate;
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
 * time: 0.083–0.087, slower than scalar beyond H = 16). Products and sums are the exact Q32.32 values that
 * {@link Q16Dot#multiplyColumns} forms, so the results are bit-identical (Q16GatesTest); the
 * no-overflow bound of Q16Dot holds for every partial sum in any order.
 */
final class Q16VectorGates implements Q16Gates {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = LONGS.length();
    /** L ints: half the long vector's bits, widened to L longs by one sign-extension. */
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));

    private final int blocks; // ceil(H / 2L) · 2
    private final int paddedHidden; // Hp = blocks · L, the stride of the sums
    private final int width; // n + H
    /**
     * [blocks][n + H][4][L]: tiles[((jb·(n+H) + k)·4 + gate)·L + lane] = fused row
     * gate.firstRow(H) + jb·L + lane, column k, Q16.16 (0 for a padded unit).
     */
    private final int[] tiles;
    private final long[] bias; // [4][Hp]: b of gate g, unit j at g·Hp + j, Q32.32 (0 for padding)

    private Q16VectorGates(int[] fused, int[] bias, int hidden, int width) {
        this.width = width;
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
            twoBlocks(input, sums, jb);
        }
    }

    /** Blocks jb and jb + 1 at once: 8 accumulators share each broadcast input value. */
    private void twoBlocks(int[] input, long[] sums, int jb) {
        int stride = Gate.COUNT * LANES; // from one column's tile to the next
        int j = jb * LANES;
        int hp = paddedHidden;
        LongVector ai = LongVector.fromArray(LONGS, bias, j);
        LongVector af = LongVector.fromArray(LONGS, bias, hp + j);
        LongVector ag = LongVector.fromArray(LONGS, bias, 2 * hp + j);
        LongVector ao = LongVector.fromArray(LONGS, bias, 3 * hp + j);
        LongVector bi = LongVector.fromArray(LONGS, bias, j + LANES);
        LongVector bf = LongVector.fromArray(LONGS, bias, hp + j + LANES);
        LongVector bg = LongVector.fromArray(LONGS, bias, 2 * hp + j + LANES);
        LongVector bo = LongVector.fromArray(LONGS, bias, 3 * hp + j + LANES);
        int at = jb * width * stride;
        int bt = at + width * stride;
        for (int k = 0; k < width; k++, at += stride, bt += stride) {
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
