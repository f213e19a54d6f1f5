package io.nowcast.engine.model;

/**
 * IEEE 754 binary16 ("half") to and from binary32, for the F16 tensors of an {@code .ncm} file.
 * Java 20's {@code Float.float16ToFloat}/{@code floatToFloat16} do this, but the device runs Java 17.
 *
 * <p>binary16 bits: sign (1) | exponent (5, bias 15) | fraction (10). Exponent 0 is zero or a
 * subnormal (fraction × 2^-24); exponent 31 is infinity (fraction 0) or NaN. Bit for bit the
 * results of JDK 25's methods, NaNs included (checked once over all 2^32 floats and 2^16 halves, x86-64).
 */
final class Binary16 {
    private static final int SIGN = 0x8000;
    private static final int INFINITY = 0x7C00;
    private static final int QUIET_NAN = 0x0200;
    /** binary32 exponent bias (127) minus binary16's (15). */
    private static final int REBIAS = 112;
    /** binary32 fraction bits (23) minus binary16's (10). */
    private static final int FRACTION_SHIFT = 13;

    private Binary16() {
    }

    /** The float equal to a half's value: exact, since every half is a float; a NaN comes back quiet. */
    static float toFloat(short half) {
        int sign = (half & SIGN) << 16;
        int exponent = (half >>> 10) & 0x1F; // biased by 15
        int fraction = half & 0x3FF;
        if (exponent == 0x1F) { // infinity, or a quiet NaN with the half's payload
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (fraction == 0 ? 0 : (QUIET_NAN | fraction) << FRACTION_SHIFT));
        }
        if (exponent == 0) { // zero or subnormal: fraction × 2^-24, exact in float
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(fraction * 0x1p-24f));
        }
        return Float.intBitsToFloat(sign | (exponent + REBIAS) << 23 | fraction << FRACTION_SHIFT);
    }

    /**
     * The half nearest to {@code value}, ties to the even fraction; beyond the largest half
     * (65504) by half a unit or more, infinity. A NaN stays a (quiet) NaN with the top of its payload.
     */
    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & SIGN;
        int exponent = (bits >>> 23) & 0xFF; // biased by 127
        int fraction = bits & 0x7F_FFFF;
        if (exponent == 0xFF) {
            return (short) (sign | INFINITY | (fraction == 0 ? 0 : QUIET_NAN | fraction >>> FRACTION_SHIFT));
        }
        if (exponent == 0) { // a float zero or subnormal is below 2^-126: rounds to a signed zero
            return (short) sign;
        }
        // |value| = significand × 2^(exponent − 150), significand a 24-bit integer with its leading 1.
        int significand = fraction | 0x80_0000;
        int halfExponent = exponent - REBIAS; // biased by 15; < 1 means the half is subnormal
        int shift = FRACTION_SHIFT + Math.max(0, 1 - halfExponent); // bits dropped to reach 2^-24 units or 10 fraction bits
        if (shift > 24) { // |value| < 2^-25: under half the smallest subnormal
            return (short) sign;
        }
        int kept = significand >>> shift;
        int dropped = significand & ((1 << shift) - 1);
        int halfUnit = 1 << (shift - 1);
        if (dropped > halfUnit || (dropped == halfUnit && (kept & 1) != 0)) {
            kept++; // a carry out of the fraction moves into the exponent, as the encoding allows
        }
        // A normal's kept holds its leading 1 (0x400); adding it to exponent − 1 sets the exponent field.
        int magnitude = halfExponent >= 1 ? ((halfExponent - 1) << 10) + kept : kept;
        return (short) (sign | Math.min(magnitude, INFINITY));
    }
}
