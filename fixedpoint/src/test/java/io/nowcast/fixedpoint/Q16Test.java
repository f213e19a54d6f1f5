package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Q16Test {
    @Test
    void multipliesWithRoundingToNearestTiesUp() {
        // 1.5 · 2.5 = 3.75 exactly
        assertEquals(3 * 65536 + 49152, Q16.mul(98304, 163840));
        // 2^-16 · ½ = 2^-17: exactly half a unit, ties go up to 1 unit
        assertEquals(1, Q16.mul(1, 32768));
        // -2^-16 · ½ = -2^-17: the tie goes up (towards +∞) to 0
        assertEquals(0, Q16.mul(-1, 32768));
        // 3 units · 0.25 = 0.75 unit → 1; -0.75 unit → -1
        assertEquals(1, Q16.mul(3, 16384));
        assertEquals(-1, Q16.mul(-3, 16384));
    }

    @Test
    void multiplicationMatchesExactBigIntegerArithmeticOnRandomOperands() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n = 0; n < 200_000; n++) {
            int a = rnd.nextInt() >> rnd.nextInt(32);
            int b = rnd.nextInt() >> rnd.nextInt(32);
            // floor((a·b + 2^15) / 2^16): BigInteger's shiftRight is a floor division
            BigInteger expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).add(BigInteger.valueOf(1 << 15))
                    .shiftRight(16).max(BigInteger.valueOf(Q16.MIN)).min(BigInteger.valueOf(Q16.MAX));
            assertEquals(expected.intValue(), Q16.mul(a, b), a + " * " + b);
        }
    }

    @Test
    void saturatesInsteadOfWrappingAround() {
        assertEquals(Q16.MAX, Q16.add(Q16.MAX, 1));
        assertEquals(Q16.MIN, Q16.add(Q16.MIN, -1));
        assertEquals(Q16.MAX, Q16.sub(0, Q16.MIN));
        assertEquals(Q16.MIN, Q16.sub(Q16.MIN, Q16.ONE));
        // 200 · 200 = 40000 > 32768
        assertEquals(Q16.MAX, Q16.mul(200 << 16, 200 << 16));
        assertEquals(Q16.MIN, Q16.mul(-200 << 16, 200 << 16));
        assertEquals(Q16.MAX, Q16.ofInt(40_000));
        assertEquals(-7 << 16, Q16.ofInt(-7));
        assertTrue(Q16.fits(Integer.MAX_VALUE));
        assertFalse(Q16.fits(1L << 31));
    }

    @Test
    void roundShiftNeverOverflowsNearTheLongRange() {
        // (2^63 - 1) / 2^16 = 2^47 - 2^-16, rounds to 2^47
        assertEquals(1L << 47, Q16.roundShift(Long.MAX_VALUE, 16));
        assertEquals(-(1L << 47), Q16.roundShift(Long.MIN_VALUE, 16));
        assertEquals(3, Q16.roundShift(5, 1)); // 2.5 → 3
        assertEquals(-2, Q16.roundShift(-5, 1)); // -2.5 → -2 (ties towards +∞)
    }

    @Test
    void wideAdditionSaturates() {
        assertEquals(Long.MAX_VALUE, Q16.addSaturating(Long.MAX_VALUE, 1));
        assertEquals(Long.MIN_VALUE, Q16.addSaturating(Long.MIN_VALUE, -5));
        assertEquals(-1, Q16.addSaturating(Long.MAX_VALUE, Long.MIN_VALUE));
    }
}
