package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Q16RootsTest {
    @Test
    void integerRootIsTheFloorOfTheRootAsBigIntegerComputesIt() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] edges = {0, 1, 2, 3, 4, 15, 16, 17, (1L << 62) - 1, 1L << 62, Long.MAX_VALUE,
                3037000499L * 3037000499L, 3037000499L * 3037000499L - 1};
        for (long n : edges) {
            assertEquals(BigInteger.valueOf(n).sqrt().longValue(), Q16Roots.isqrt(n), "n=" + n);
        }
        for (int k = 0; k < 200_000; k++) {
            long n = rnd.nextLong() >>> rnd.nextInt(1, 64);
            assertEquals(BigInteger.valueOf(n).sqrt().longValue(), Q16Roots.isqrt(n), "n=" + n);
        }
    }

    @Test
    void roundedRootRoundsHalfUp() {
        assertEquals(2, Q16Roots.isqrtRound(6)); // 2.449
        assertEquals(3, Q16Roots.isqrtRound(7)); // 2.646
        assertEquals(3, Q16Roots.isqrtRound(9));
        assertEquals(0, Q16Roots.isqrtRound(-4));
    }

    @Test
    void q16RootsOfExactSquaresAreExact() {
        assertEquals(3 << 16, Q16Roots.sqrt(9 << 16));
        assertEquals(1 << 15, Q16Roots.sqrt(1 << 14)); // sqrt(¼) = ½
        assertEquals(1 << 15, Q16Roots.rsqrt(4 << 16)); // 1/sqrt(4) = ½
        assertEquals(256 << 16, Q16Roots.rsqrt(1)); // 1/sqrt(2^-16) = 2^8
        assertEquals(0, Q16Roots.sqrt(-5));
        assertEquals(Q16.MAX, Q16Roots.rsqrt(0));
    }
}
