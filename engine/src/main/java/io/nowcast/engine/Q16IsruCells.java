package io.nowcast.engine;

import io.nowcast.fixedpoint.Q16;
import io.nowcast.fixedpoint.Q16Isru;
import io.nowcast.engine.model.Gate;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cells of an all-ISRU layer (ISRU cell, ISRU-sigmoid gates) on the JDK Vector API, L units
 * at a time (L = the widest long species' lanes: 8 with AVX-512): {@link Q16VectorKernel}'s cells.
 * The same integer operations as {@link Q16ReferenceKernel#unit}, lane by lane, so the same bits
 * (Q16KernelTest): the gate sums are rounded and saturated in long lanes, the activations read
 * {@link Q16Isru}'s table with a gather and interpolate in int lanes exactly as Q16Isru's table
 * path does, c = f·c + i·g and h = o·φ(c) are formed in long lanes. A block any of whose inputs
 * to ISRU lies beyond the table (|z| ≥ 16, or ≥ 32 for the sigmoid; rare) goes through
 * Q16ReferenceKernel.unit instead, unit by unit. Loaded only where the module is present.
 */
final class Q16IsruCells {
    private static final VectorSpecies<Long> LONGS = Q16VectorKernel.LONGS;
    private static final int LANES = Q16VectorKernel.LANES;
    private static final VectorSpecies<Integer> INTS = Q16VectorKernel.INTS;
    private static final int[] TABLE = Q16Isru.table(); // ISRU(k / 128), Q8.24
    private static final int FRACTION = Q16.FRACTION_BITS;
    /** Q8.24 → Q16.16 for ISRU; Q8.24 halved → Q16.16 for the sigmoid. */
    private static final int ISRU_SHIFT = Q16Isru.TABLE_FRACTION_BITS - FRACTION;
    private static final int SIGMOID_SHIFT = ISRU_SHIFT + 1;
    // The scratch, [7][L] ints: where each part starts
    private static final int GATES = 0; // one block's z, then i, f, g, o [4][L], Q16.16
    private static final int VALUES = Gate.COUNT * LANES; // its c, then φ(c) [L], Q16.16
    private static final int INDEX = VALUES + LANES; // the table indices of one gather [L]
    private static final int MAGNITUDE = INDEX + LANES; // ISRU of |x| read from the table [L], Q8.24
    /** The length of the scratch {@link #block} needs. */
    static final int SCRATCH = MAGNITUDE + LANES;

    private Q16IsruCells() {
    }

    // Each method below takes and returns arrays, never vectors, and builds its vectors inline:
    // C2 does not inline a helper it has already compiled on its own into a large method, and a
    // vector that crosses a call it did not inline is boxed (allocation on every step).

    /**
     * The cell and output of the L units j .. j + L of an all-ISRU layer, from the gate sums
     * (gate g of unit u at sums[g·stride + u]); c into cell[j ..], h into h[j ..].
     *
     * @return true when a c had to be clipped
     */
    static boolean block(long[] sums, int stride, int j, int[] h, int[] cell, int[] scratch) {
        long sigmoidLimit = 2L * Q16Isru.TABLE_LIMIT;
        // z of i, f, g, o as Q16.16 into scratch [4][L], if all lie in the table's range (& : all four rounded)
        if (!(round(sums, j, scratch, GATES, sigmoidLimit)
                & round(sums, stride + j, scratch, GATES + LANES, sigmoidLimit)
                & round(sums, 2 * stride + j, scratch, GATES + 2 * LANES, Q16Isru.TABLE_LIMIT)
                & round(sums, 3 * stride + j, scratch, GATES + 3 * LANES, sigmoidLimit))) {
            boolean clipped = false; // a gate beyond the table: this block unit by unit
            for (int u = j; u < j + LANES; u++) {
                clipped |= Q16ReferenceKernel.unit(sums, stride, u, h, cell, true, true);
            }
            return clipped;
        }
        isruSigmoid(scratch, GATES); // i
        isruSigmoid(scratch, GATES + LANES); // f
        isru(scratch, GATES + 2 * LANES); // g
        isruSigmoid(scratch, GATES + 3 * LANES); // o
        boolean clipped = updateCells(cell, j, scratch); // c into cell and scratch's VALUES
        if (inTable(scratch)) {
            isru(scratch, VALUES);
        } else {
            for (int lane = VALUES; lane < VALUES + LANES; lane++) {
                scratch[lane] = Q16Isru.isru(scratch[lane]);
            }
        }
        outputs(h, j, scratch);
        return clipped;
    }

    /**
     * scratch[at .. at + L) = the L gate sums at sums[from ..] rounded and saturated to Q16.16
     * (Q16Dot.toQ16) when every one has |z| &lt; limit; false (scratch untouched) if not.
     */
    private static boolean round(long[] sums, int from, int[] scratch, int at, long limit) {
        LongVector q = LongVector.fromArray(LONGS, sums, from); // Q32.32
        LongVector z = q.lanewise(VectorOperators.ASHR, FRACTION)
                .add(q.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L)).max(Q16.MIN).min(Q16.MAX); // Q16.16
        if (!z.compare(VectorOperators.LT, limit).and(z.compare(VectorOperators.GT, -limit)).allTrue()) {
            return false;
        }
        ((IntVector) z.convertShape(VectorOperators.L2I, INTS, 0)).intoArray(scratch, at);
        return true;
    }

    /** True when every c at scratch[VALUES ..] has |c| &lt; 16, ISRU's table range. */
    private static boolean inTable(int[] scratch) {
        IntVector c = IntVector.fromArray(INTS, scratch, VALUES);
        return c.compare(VectorOperators.LT, Q16Isru.TABLE_LIMIT)
                .and(c.compare(VectorOperators.GT, -Q16Isru.TABLE_LIMIT)).allTrue();
    }

    /**
     * scratch[at .. at + L) = ½ · (1 + ISRU(x / 2)) of the x there (Q16.16, |x| &lt; 32), as
     * Q16Isru.isruSigmoid's table path: ISRU(|x| / 2) from the table, sign, then ½ (1 ± v) rounded
     * once to Q16.16.
     */
    private static void isruSigmoid(int[] scratch, int at) {
        interpolate(scratch, at, Q16Isru.TABLE_STEP_BITS + 1); // ISRU(|x| / 2), Q8.24
        IntVector sign = IntVector.fromArray(INTS, scratch, at).lanewise(VectorOperators.ASHR, 31); // 0 or -1
        IntVector.fromArray(INTS, scratch, MAGNITUDE).lanewise(VectorOperators.XOR, sign).sub(sign) // ±v
                .add((1 << Q16Isru.TABLE_FRACTION_BITS) + (1 << (SIGMOID_SHIFT - 1)))
                .lanewise(VectorOperators.ASHR, SIGMOID_SHIFT).intoArray(scratch, at);
    }

    /** scratch[at .. at + L) = ISRU of the x there (Q16.16, |x| &lt; 16), as Q16Isru.isru's table path. */
    private static void isru(int[] scratch, int at) {
        interpolate(scratch, at, Q16Isru.TABLE_STEP_BITS); // ISRU(|x|), Q8.24
        IntVector magnitude = IntVector.fromArray(INTS, scratch, MAGNITUDE)
                .add(1 << (ISRU_SHIFT - 1)).lanewise(VectorOperators.ASHR, ISRU_SHIFT); // Q16.16
        IntVector sign = IntVector.fromArray(INTS, scratch, at).lanewise(VectorOperators.ASHR, 31); // 0 or -1
        magnitude.lanewise(VectorOperators.XOR, sign).sub(sign).intoArray(scratch, at); // (v XOR sign) - sign = ±v
    }

    /**
     * scratch[MAGNITUDE ..] = ISRU(|x| / 2^(stepBits - TABLE_STEP_BITS)) in Q8.24 for the L x
     * (Q16.16) at scratch[at ..], as Q16Isru's table path: table entry |x| >> stepBits plus the next
     * difference times the fraction, floored. stepBits = TABLE_STEP_BITS gives ISRU(|x|), one more
     * ISRU(|x| / 2). The product fits an int lane: (difference ≤ 2^17) · (fraction &lt; 2^10) &lt; 2^27.
     */
    private static void interpolate(int[] scratch, int at, int stepBits) {
        IntVector ax = IntVector.fromArray(INTS, scratch, at).abs();
        ax.lanewise(VectorOperators.ASHR, stepBits).intoArray(scratch, INDEX);
        IntVector lo = IntVector.fromArray(INTS, TABLE, 0, scratch, INDEX); // Q8.24
        IntVector hi = IntVector.fromArray(INTS, TABLE, 1, scratch, INDEX); // Q8.24
        lo.add(hi.sub(lo).mul(ax.and((1 << stepBits) - 1)).lanewise(VectorOperators.ASHR, stepBits))
                .intoArray(scratch, MAGNITUDE);
    }

    /**
     * c = f·c + i·g for units j .. j + L (two exact Q32.32 products, |sum| &lt; 2^48, one rounding
     * to Q16.16, saturated) into cell and scratch[VALUES ..].
     *
     * @return true when a c had to be clipped
     */
    private static boolean updateCells(int[] cell, int j, int[] scratch) {
        LongVector i = (LongVector) IntVector.fromArray(INTS, scratch, GATES)
                .convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector f = (LongVector) IntVector.fromArray(INTS, scratch, GATES + LANES)
                .convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector g = (LongVector) IntVector.fromArray(INTS, scratch, GATES + 2 * LANES)
                .convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector c = (LongVector) IntVector.fromArray(INTS, cell, j).convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector sum = f.mul(c).add(i.mul(g)); // Q32.32
        LongVector rounded = sum.lanewise(VectorOperators.ASHR, FRACTION)
                .add(sum.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L));
        LongVector saturated = rounded.max(Q16.MIN).min(Q16.MAX); // Q16.16
        IntVector cq = (IntVector) saturated.convertShape(VectorOperators.L2I, INTS, 0);
        cq.intoArray(cell, j);
        cq.intoArray(scratch, VALUES);
        return !rounded.eq(saturated).allTrue();
    }

    /**
     * h = o·φ(c) rounded to Q16.16 into h[at ..], from o at scratch[GATES + 3L ..] and φ(c) at
     * scratch[VALUES ..]: |o · φ| ≤ 2^32, so |h| ≤ 2^16 needs no saturation.
     */
    private static void outputs(int[] h, int at, int[] scratch) {
        LongVector o = (LongVector) IntVector.fromArray(INTS, scratch, GATES + 3 * LANES)
                .convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector phi = (LongVector) IntVector.fromArray(INTS, scratch, VALUES)
                .convertShape(VectorOperators.I2L, LONGS, 0);
        LongVector p = o.mul(phi); // Q32.32
        LongVector rounded = p.lanewise(VectorOperators.ASHR, FRACTION)
                .add(p.lanewise(VectorOperators.ASHR, FRACTION - 1).and(1L)); // Q16.16
        ((IntVector) rounded.convertShape(VectorOperators.L2I, INTS, 0)).intoArray(h, at);
    }
}
