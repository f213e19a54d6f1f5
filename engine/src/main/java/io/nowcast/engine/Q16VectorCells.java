package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Isru;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unit updates of an all-ISRU layer (ISRU cell, ISRU-sigmoid gates) on the JDK Vector API, L
 * units at a time (L = the widest long species' lanes: 8 with AVX-512), for the whole blocks of L
 * units; Q16Layer does the remaining H mod L units with {@link Q16Cell}. Loaded only where the
 * module is present (see Q16Engine).
 *
 * <p>The same integer operations as Q16Cell, lane by lane, so the same bits (Q16GatesTest): the
 * gate sums are rounded and saturated in long lanes, the activations read {@link Q16Isru}'s table
 * with a gather and interpolate in int lanes exactly as Q16Isru's table path does, c = f·c + i·g and
 * h = o·φ(c) are formed in long lanes. A block any of whose inputs to ISRU lies beyond the table
 * (|z| ≥ 16, or ≥ 32 for the sigmoid; rare) goes through Q16Cell instead, unit by unit.
 */
final class Q16VectorCells implements Q16Cells {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = LONGS.length();
    /** L ints, to and from the L long lanes by one conversion. */
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LONGS.vectorBitSize() / 2));
    private static final int[] TABLE = Q16Isru.table(); // ISRU(k / 128), Q8.24
    private static final int FRACTION = Q16.FRACTION_BITS;
    /** Q8.24 → Q16.16 for ISRU; Q8.24 halved → Q16.16 for the sigmoid. */
    private static final int ISRU_SHIFT = Q16Isru.TABLE_FRACTION_BITS - FRACTION;
    private static final int SIGMOID_SHIFT = ISRU_SHIFT + 1;

    private final int units; // whole blocks: (H / L) · L
    private final int stride; // gate g of unit j at sums[g · stride + j]
    private final int inputSize; // n: h_t goes to input[n + j]
    private final int[] index = new int[LANES]; // table indices of one gather
    private final int[] gates = new int[4 * LANES]; // one block's z, then i, f, g, o [4][L], Q16.16
    private final int[] values = new int[LANES]; // one block's c, then φ(c), Q16.16

    private Q16VectorCells(int hidden, int stride, int inputSize) {
        units = hidden / LANES * LANES;
        this.stride = stride;
        this.inputSize = inputSize;
    }

    /** The vector unit updates of a layer; only called where the Vector API module is present. */
    static Q16Cells create(int hidden, int stride, int inputSize) {
        return new Q16VectorCells(hidden, stride, inputSize);
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public boolean update(long[] sums, int[] input, int[] cellState) {
        boolean clipped = false;
        long sigmoidLimit = 2L * Q16Isru.TABLE_LIMIT;
        for (int j = 0; j < units; j += LANES) {
            // z of i, f, g, o as Q16.16 into gates [4][L], if all lie in the table's range
            if (round(sums, j, 0, sigmoidLimit) & round(sums, stride + j, LANES, sigmoidLimit)
                    & round(sums, 2 * stride + j, 2 * LANES, Q16Isru.TABLE_LIMIT)
                    & round(sums, 3 * stride + j, 3 * LANES, sigmoidLimit)) {
                isruSigmoid(gates, 0); // i
                isruSigmoid(gates, LANES); // f
                isru(gates, 2 * LANES); // g
                isruSigmoid(gates, 3 * LANES); // o
                clipped |= updateCells(cellState, j); // c into cellState and values
                if (inTable(values)) {
                    isru(values, 0);
                } else {
                    for (int lane = 0; lane < LANES; lane++) {
                        values[lane] = Q16Isru.isru(values[lane]);
                    }
                }
                outputs(input, inputSize + j);
            } else { // a gate beyond the table: this block unit by unit
                for (int u = j; u < j + LANES; u++) {
                    clipped |= Q16Cell.update(sums, stride, u, input, inputSize, cellState, true, true);
                }
            }
        }
        return clipped;
    }

    // Each method below takes and returns arrays, never vectors, and builds its vectors inline:
    // C2 does not inline a helper it has already compiled on its own into a large method, and a
    // vector that crosses a call it did not inline is boxed (allocation on every step).

    /**
     * gates[at .. at + L) = the L gate sums at sums[from ..] rounded and saturated to Q16.16
     * (Q16Dot.toQ16) when every one has |z| &lt; limit; false (gates untouched) if not.
     */
    private boolean round(long[] sums, int from, int at, long limit) {
        LongVector q = LongVector.fromArray(LONGS, sums, from);
        LongVector z = q.lanewise(VectorOperators.ASHR, FRACTION)
                .add(q.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L)).max(Q16.MIN).min(Q16.MAX);
        if (!z.compare(VectorOperators.LT, limit).and(z.compare(VectorOperators.GT, -limit)).allTrue()) {
            return false;
        }
        ((IntVector) z.convertShape(VectorOperators.L2I, INTS, 0)).intoArray(gates, at);
        return true;
    }

    /** True when every c in values has |c| &lt; 16, ISRU's table range. */
    private boolean inTable(int[] values) {
        IntVector c = IntVector.fromArray(INTS, values, 0);
        return c.compare(VectorOperators.LT, Q16Isru.TABLE_LIMIT)
                .and(c.compare(VectorOperators.GT, -Q16Isru.TABLE_LIMIT)).allTrue();
    }

    /**
     * a[at .. at + L) = ½ · (1 + ISRU(x / 2)) of the x there (|x| &lt; 32), as Q16Isru.isruSigmoid's
     * table path: interpolation in Q8.24 ((difference ≤ 2^17) · (fraction &lt; 2^10) &lt; 2^27 fits an
     * int lane), sign, then ½ (1 ± v) rounded once.
     */
    private void isruSigmoid(int[] a, int at) {
        int stepBits = Q16Isru.TABLE_STEP_BITS + 1;
        IntVector x = IntVector.fromArray(INTS, a, at);
        IntVector ax = x.abs();
        ax.lanewise(VectorOperators.ASHR, stepBits).intoArray(index, 0);
        IntVector lo = IntVector.fromArray(INTS, TABLE, 0, index, 0);
        IntVector hi = IntVector.fromArray(INTS, TABLE, 1, index, 0);
        IntVector v = lo.add(hi.sub(lo).mul(ax.and((1 << stepBits) - 1)).lanewise(VectorOperators.ASHR, stepBits));
        IntVector sign = x.lanewise(VectorOperators.ASHR, 31); // 0 or -1: (v XOR sign) - sign = ±v
        v.lanewise(VectorOperators.XOR, sign).sub(sign)
                .add((1 << Q16Isru.TABLE_FRACTION_BITS) + (1 << (SIGMOID_SHIFT - 1)))
                .lanewise(VectorOperators.ASHR, SIGMOID_SHIFT).intoArray(a, at);
    }

    /** a[at .. at + L) = ISRU of the x there (|x| &lt; 16), as Q16Isru.isru's table path. */
    private void isru(int[] a, int at) {
        int stepBits = Q16Isru.TABLE_STEP_BITS;
        IntVector x = IntVector.fromArray(INTS, a, at);
        IntVector ax = x.abs();
        ax.lanewise(VectorOperators.ASHR, stepBits).intoArray(index, 0);
        IntVector lo = IntVector.fromArray(INTS, TABLE, 0, index, 0);
        IntVector hi = IntVector.fromArray(INTS, TABLE, 1, index, 0);
        IntVector v = lo.add(hi.sub(lo).mul(ax.and((1 << stepBits) - 1)).lanewise(VectorOperators.ASHR, stepBits));
        IntVector magnitude = v.add(1 << (ISRU_SHIFT - 1)).lanewise(VectorOperators.ASHR, ISRU_SHIFT);
        IntVector sign = x.lanewise(VectorOperators.ASHR, 31);
        magnitude.lanewise(VectorOperators.XOR, sign).sub(sign).intoArray(a, at);
    }

    /**
     * c = f·c + i·g for units j .. j + L (two exact Q32.32 products, |sum| &lt; 2^48, one rounding,
     * saturated) into cellState and values.
     *
     * @return true when a c had to be clipped
     */
    private boolean updateCells(int[] cellState, int j) {
        LongVector i = (LongVector) IntVector.fromArray(INTS, gates, 0).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector f = (LongVector) IntVector.fromArray(INTS, gates, LANES).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector g = (LongVector) IntVector.fromArray(INTS, gates, 2 * LANES).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector c = (LongVector) IntVector.fromArray(INTS, cellState, j).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector sum = f.mul(c).add(i.mul(g));
        LongVector rounded = sum.lanewise(VectorOperators.ASHR, FRACTION)
                .add(sum.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L));
        LongVector saturated = rounded.max(Q16.MIN).min(Q16.MAX);
        IntVector cq = (IntVector) saturated.convertShape(VectorOperators.L2I, INTS, 0);
        cq.intoArray(cellState, j);
        cq.intoArray(values, 0);
        return !rounded.eq(saturated).allTrue();
    }

    /** h = o·φ(c) rounded into input[at ..]: |o · φ| ≤ 2^32, so |h| ≤ 2^16 needs no saturation. */
    private void outputs(int[] input, int at) {
        LongVector o = (LongVector) IntVector.fromArray(INTS, gates, 3 * LANES).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector phi = (LongVector) IntVector.fromArray(INTS, values, 0).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector p = o.mul(phi);
        LongVector h = p.lanewise(VectorOperators.ASHR, FRACTION).add(p.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L));
        ((IntVector) h.convertShape(VectorOperators.L2I, INTS, 0)).intoArray(input, at);
    }
}
