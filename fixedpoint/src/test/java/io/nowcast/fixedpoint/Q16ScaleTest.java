package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Q16ScaleTest {
    /** round(v · m / 2^s), ties towards +∞, clipped to the long range, in exact integers. */
    private static long expected(long v, int m, int s) {
        BigInteger p = BigInteger.valueOf(v).multiply(BigInteger.valueOf(m));
        BigInteger r = s <= 0 ? p.shiftLeft(-s) : p.add(BigInteger.ONE.shiftLeft(s - 1)).shiftRight(s);
        return r.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    @Test
    void matchesExactIntegerArithmeticAcrossShiftsAndMagnitudes() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 300_000; k++) {
            int m = rnd.nextInt(Integer.MAX_VALUE);
            int s = rnd.nextInt(Q16Scale.MIN_SHIFT, Q16Scale.MAX_SHIFT + 1);
            long v = rnd.nextLong() >> rnd.nextInt(64);
            assertEquals(expected(v, m, s), new Q16Scale(m, s).apply(v), v + " * " + m + " >> " + s);
        }
        assertEquals(Long.MAX_VALUE, new Q16Scale(Integer.MAX_VALUE, 0).apply(Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, new Q16Scale(Integer.MAX_VALUE, 1).apply(Long.MIN_VALUE));
    }

    @Test
    void conversionKeeps31SignificantBitsOfTheFactor() {
        for (double f : new double[] {1 / 0.1, 1 / 20.0, 1 / 3.0, 0x1p-16 / 7.3, 4096.5, 1e-9, 123456.789}) {
            Q16Scale scale = Q16Conversions.scaleOf(f);
            double back = Math.scalb((double) scale.mantissa(), -scale.shift());
            assertTrue(scale.mantissa() >= 1 << 30, "mantissa " + scale.mantissa());
            assertTrue(Math.abs(back / f - 1) <= 0x1p-31, f + " became " + back);
        }
        assertThrows(IllegalArgumentException.class, () -> Q16Conversions.scaleOf(0));
        assertThrows(IllegalArgumentException.class, () -> new Q16Scale(-1, 0));
    }
}
