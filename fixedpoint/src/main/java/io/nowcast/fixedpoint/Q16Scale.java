package io.nowcast.fixedpoint;

/**
 * Multiplication of a fixed-point integer by a constant factor held as mantissa · 2^-shift, e.g. a
 * normalization's 1/std: integer-only, exact up to one final rounding (to nearest, ties towards
 * +∞), saturating at the long range. Build one from a double with
 * {@link Q16Conversions#scaleOf(double)} (mantissa in [2^30, 2^31): 31 significant bits).
 *
 * <p>The product v · mantissa is formed in 128 bits ({@link Math#multiplyHigh} for the upper
 * half), so any long v works.
 */
public final class Q16Scale {
    /** Smallest and largest shift: factors from 2^-63 up to (2^31 - 1) · 2^32. */
    public static final int MIN_SHIFT = -32;
    public static final int MAX_SHIFT = 63;

    private final long mantissa; // in [0, 2^31)
    private final int shift; // factor = mantissa · 2^-shift

    public Q16Scale(int mantissa, int shift) {
        if (mantissa < 0 || shift < MIN_SHIFT || shift > MAX_SHIFT) {
            throw new IllegalArgumentException("scale mantissa " + mantissa + " must be ≥ 0 and shift " + shift
                    + " in " + MIN_SHIFT + ".." + MAX_SHIFT);
        }
        this.mantissa = mantissa;
        this.shift = shift;
    }

    public int mantissa() {
        return (int) mantissa;
    }

    public int shift() {
        return shift;
    }

    /** round(v · mantissa / 2^shift), clipped to the long range. */
    public long apply(long v) {
        long hi = Math.multiplyHigh(v, mantissa);
        long lo = v * mantissa;
        if (shift <= 0) {
            if (hi != lo >> 63 || lo != (lo << -shift) >> -shift) {
                return hi < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return lo << -shift;
        }
        // add half a unit of the result (2^(shift-1)) to the 128-bit product hi:lo, with carry
        long rounded = lo + (1L << (shift - 1));
        if (Long.compareUnsigned(rounded, lo) < 0) {
            hi++;
        }
        // hi:rounded >> shift fits a long when bits shift-1..63 of hi are all equal
        if (hi >> (shift - 1) != hi >> 63) {
            return hi < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return (hi << (64 - shift)) | (rounded >>> shift);
    }
}
