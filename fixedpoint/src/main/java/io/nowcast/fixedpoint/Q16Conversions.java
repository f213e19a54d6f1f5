package io.nowcast.fixedpoint;

/**
 * The only place where this package touches {@code float} or {@code double}: conversions between
 * floating point and the fixed-point formats, used at the boundaries (a model's weights at load,
 * an engine's raw inputs and outputs). Every other class of the package is integer-only, which
 * IntegerOnlyBytecodeTest checks on the compiled classes.
 *
 * <p>Rounding is to nearest, ties towards +∞ (floor(v · 2^16 + ½), as {@link Math#round(double)});
 * values beyond a format's range saturate; NaN becomes 0.
 */
public final class Q16Conversions {
    /** 2^16 and 2^32 as doubles: the scale of Q16.16 and of the fraction of Q32.32. */
    private static final double Q16_SCALE = 0x1p16;
    private static final double Q32_SCALE = 0x1p32;
    /** Raw inputs in Q32.32 are clipped to ±2^30, so that the difference of two still fits a long. */
    public static final double Q32_32_LIMIT = 0x1p30;
    private static final long Q32_32_LIMIT_RAW = 1L << 62;

    private Q16Conversions() {
    }

    /** v in Q16.16, rounded to nearest, saturated to [-32768, 32768 - 2^-16]; NaN gives 0. */
    public static int toQ16(double v) {
        double scaled = Math.floor(v * Q16_SCALE + 0.5);
        if (scaled != scaled) { // NaN
            return 0;
        }
        // the cast saturates at the int range (JLS 5.1.3), which is Q16.16's range
        return (int) scaled;
    }

    /** The exact value of a Q16.16 number. */
    public static double toDouble(int q16) {
        return q16 / Q16_SCALE;
    }

    /** A Q16.16 number as the nearest float. */
    public static float toFloat(int q16) {
        return (float) toDouble(q16);
    }

    /** True when v is a number within ±2^30, the range {@link #toQ32x32} keeps without clipping. */
    public static boolean inQ32x32Range(float v) {
        return Math.abs(v) <= Q32_32_LIMIT; // false for NaN
    }

    /**
     * v in Q32.32 (a long holding v · 2^32), rounded to nearest, clipped to ±2^30 so that the
     * difference of two such values fits a long; NaN gives 0. Exact for every float inside the range
     * (a float has 24 significant bits, 2^-149 aside: those round to 0).
     */
    public static long toQ32x32(float v) {
        if (v != v) {
            return 0;
        }
        if (!inQ32x32Range(v)) {
            return v < 0 ? -Q32_32_LIMIT_RAW : Q32_32_LIMIT_RAW;
        }
        return (long) Math.floor(v * Q32_SCALE + 0.5);
    }

    /** A Q32.32 number as the nearest float. */
    public static float fromQ32x32(long q32) {
        // two steps: the long → double conversion rounds once, the scaling by 2^-32 is exact
        return (float) (q32 / Q32_SCALE);
    }

    /**
     * A positive finite factor as a {@link Q16Scale}: mantissa in [2^30, 2^31) (31 significant bits)
     * when the factor is within the scale's range; factors above (2^31 - 1) · 2^32 are clipped to it,
     * factors below 2^-33 lose significant bits (down to 0 below 2^-64).
     */
    public static Q16Scale scaleOf(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be positive and finite: " + factor);
        }
        int shift = 30 - Math.getExponent(factor); // factor · 2^shift in [2^30, 2^31)
        if (shift < Q16Scale.MIN_SHIFT) {
            return new Q16Scale(Integer.MAX_VALUE, Q16Scale.MIN_SHIFT);
        }
        shift = Math.min(shift, Q16Scale.MAX_SHIFT);
        long mantissa = Math.round(Math.scalb(factor, shift));
        if (mantissa > Integer.MAX_VALUE) { // rounded up to 2^31
            if (shift == Q16Scale.MIN_SHIFT) {
                return new Q16Scale(Integer.MAX_VALUE, Q16Scale.MIN_SHIFT);
            }
            shift--;
            mantissa = Math.round(Math.scalb(factor, shift));
        }
        return new Q16Scale((int) mantissa, shift);
    }
}
