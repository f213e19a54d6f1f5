package io.nowcast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Binary16} against computations that share nothing with it: every half decoded by the
 * textbook formula in double arithmetic, and every encoded float against the half chosen by
 * comparing exact (BigDecimal) distances to its two neighbours.
 */
class Binary16Test {
    /** The largest finite half's bits (65504). */
    private static final int MAX_FINITE = 0x7BFF;
    /**
     * [0x7C01] the value of each non-negative half bit pattern 0x0000..0x7BFF by the formula, and at
     * index 0x7C00 (infinity's bits) 2^16: the next half were the exponent unbounded, which IEEE 754
     * rounds to infinity.
     */
    private static final double[] VALUE_OF_BITS = valuesOfNonNegativeHalves();

    /** sign · 2^(e−15) · (1 + m/1024) for a normal, sign · 2^−14 · m/1024 for a subnormal or zero. */
    private static double formula(int bits) {
        double sign = (bits & 0x8000) != 0 ? -1 : 1;
        int e = (bits >>> 10) & 0x1F;
        int m = bits & 0x3FF;
        if (e == 31) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (e == 0) {
            return sign * Math.pow(2, -14) * (m / 1024.0);
        }
        return sign * Math.pow(2, e - 15) * (1 + m / 1024.0);
    }

    private static double[] valuesOfNonNegativeHalves() {
        double[] values = new double[MAX_FINITE + 2];
        for (int bits = 0; bits <= MAX_FINITE; bits++) {
            values[bits] = formula(bits);
        }
        values[MAX_FINITE + 1] = 65536;
        return values;
    }

    /** The bits of the half nearest to finite f, by exact distances; a tie goes to the even bit pattern. */
    private static short nearestHalf(float f) {
        double magnitude = Math.abs((double) f);
        int sign = f < 0 || Float.floatToRawIntBits(f) == 0x8000_0000 ? 0x8000 : 0;
        int found = Arrays.binarySearch(VALUE_OF_BITS, magnitude);
        int bits;
        if (found >= 0) {
            bits = found;
        } else if (-found - 1 > MAX_FINITE + 1) { // beyond 2^16
            bits = MAX_FINITE + 1;
        } else {
            int above = -found - 1;
            int below = above - 1;
            BigDecimal exact = new BigDecimal(magnitude);
            int order = exact.subtract(new BigDecimal(VALUE_OF_BITS[below]))
                    .compareTo(new BigDecimal(VALUE_OF_BITS[above]).subtract(exact));
            bits = order < 0 ? below : order > 0 ? above : (below % 2 == 0 ? below : above);
        }
        return (short) (sign | bits);
    }

    @Test
    void everyHalfDecodesToTheFormulasValue() {
        for (int b = 0; b <= 0xFFFF; b++) {
            int bits = b;
            double expected = formula(bits);
            float decoded = Binary16.toFloat((short) bits);
            if (Double.isNaN(expected)) {
                int floatBits = Float.floatToRawIntBits(decoded);
                assertTrue(Float.isNaN(decoded), () -> Integer.toHexString(bits));
                assertEquals(bits & 0x83FF | 0x0200, (floatBits >>> 16 & 0x8000) | (floatBits >>> 13 & 0x3FF),
                        () -> "sign and payload of NaN " + Integer.toHexString(bits) + ", made quiet");
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(decoded),
                        () -> Integer.toHexString(bits) + ": " + expected + " decoded as " + decoded);
            }
        }
    }

    @Test
    void everyFiniteHalfSurvivesARoundTrip() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            if ((bits & 0x7C00) != 0x7C00) {
                assertEquals((short) bits, Binary16.fromFloat(Binary16.toFloat((short) bits)), Integer.toHexString(bits));
            }
        }
    }

    @Test
    void everyTieBetweenNeighboursAndTheFloatsBesideIt() {
        List<Float> floats = new ArrayList<>();
        for (int bits = 0; bits <= MAX_FINITE; bits++) {
            double midpoint = (VALUE_OF_BITS[bits] + VALUE_OF_BITS[bits + 1]) / 2;
            float tie = (float) midpoint;
            assertEquals(midpoint, tie, 0.0, "a midpoint has 12 significant bits: exact in a float");
            float half = (float) VALUE_OF_BITS[bits];
            for (float f : new float[] {half, Math.nextUp(half), Math.nextDown(half), tie, Math.nextUp(tie), Math.nextDown(tie)}) {
                floats.add(f);
                floats.add(-f);
            }
        }
        assertEncodesToNearest(floats);
    }

    @Test
    void floatsAcrossTheHalfRangeAndBeyond() {
        Random random = new Random(20261202);
        List<Float> floats = new ArrayList<>();
        for (int k = 0; k < 1_000_000; k++) {
            int exponent = 127 - 30 + random.nextInt(48); // 2^-30 .. 2^17: below the subnormals to past the overflow
            floats.add(Float.intBitsToFloat(random.nextInt() & 0x807F_FFFF | exponent << 23));
        }
        for (int k = 0; k < 100_000; k++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                floats.add(f);
            }
        }
        assertEncodesToNearest(floats);
    }

    @Test
    void boundariesWorkedByHand() {
        assertEquals((short) 0x7BFF, Binary16.fromFloat(65504f), "the largest half");
        assertEquals((short) 0x7BFF, Binary16.fromFloat(Math.nextDown(65520f)), "under half a unit (16) above it");
        assertEquals((short) 0x7C00, Binary16.fromFloat(65520f), "the tie with 2^16 goes to the even pattern: infinity");
        assertEquals((short) 0xFC00, Binary16.fromFloat(-Float.MAX_VALUE));
        assertEquals((short) 0x7C00, Binary16.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals((short) 0x0000, Binary16.fromFloat(0x1p-25f), "the tie between 0 and 2^-24 goes to 0");
        assertEquals((short) 0x0001, Binary16.fromFloat(Math.nextUp(0x1p-25f)), "the smallest subnormal");
        assertEquals((short) 0x0002, Binary16.fromFloat(0x3p-25f), "1.5·2^-24: the tie between 1 and 2 goes to 2");
        assertEquals((short) 0x0400, Binary16.fromFloat(Math.nextDown(0x1p-14f)), "rounds up from the subnormals to 2^-14");
        assertEquals((short) 0x8000, Binary16.fromFloat(-Float.MIN_VALUE), "a float subnormal keeps its sign");
        assertEquals((short) 0x3C00, Binary16.fromFloat(1 + 0x1p-11f), "1 + half a unit: tie to even 1");
        assertEquals((short) 0x3C02, Binary16.fromFloat(1 + 0x3p-11f), "1 + 1.5 units: tie to even 1 + 2 units");
        assertTrue(Float.isNaN(Binary16.toFloat(Binary16.fromFloat(Float.NaN))));
        assertTrue(Float.isNaN(Binary16.toFloat(Binary16.fromFloat(Float.intBitsToFloat(0xFF80_0001)))),
                "a NaN whose payload lies below the half's 10 fraction bits stays NaN");
    }

    private static void assertEncodesToNearest(List<Float> floats) {
        for (float f : floats) {
            short expected = nearestHalf(f);
            short actual = Binary16.fromFloat(f);
            if (expected != actual) {
                assertEquals(Integer.toHexString(expected & 0xFFFF), Integer.toHexString(actual & 0xFFFF),
                        () -> Float.toHexString(f) + " (" + f + ")");
            }
        }
    }
}
