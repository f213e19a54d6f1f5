package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Error of each fixed-point function against the same function in double precision, over its whole
 * input range: every raw input in the part of the range where the result varies (the "active"
 * range), and every stride-th raw input across the rest of the int range, both ends included.
 * Errors are in units of 2^-16; the mean is over the active range. The printed table is what the
 * classes' comments and docs/fixedpoint.md quote.
 */
class FixedPointAccuracyTest {
    private static final double UNIT = 0x1p16;

    /** Max error over everything checked, mean error over the active range. */
    private record Error(double max, double mean) {
    }

    private static Error measure(String name, IntUnaryOperator fixed, DoubleUnaryOperator reference,
            long activeFrom, long activeTo, int stride, long domainFrom) {
        double max = 0;
        double sum = 0;
        for (long raw = activeFrom; raw <= activeTo; raw++) {
            double e = error(fixed, reference, (int) raw);
            max = Math.max(max, e);
            sum += e;
        }
        for (long raw = domainFrom; raw <= Integer.MAX_VALUE; raw += stride) {
            if (raw < activeFrom || raw > activeTo) {
                max = Math.max(max, error(fixed, reference, (int) raw));
            }
        }
        max = Math.max(max, error(fixed, reference, Integer.MAX_VALUE));
        Error e = new Error(max, sum / (activeTo - activeFrom + 1));
        System.out.printf("%-12s active [%.4f, %.4f]  max %.3f  mean %.3f units of 2^-16%n", name,
                activeFrom / UNIT, activeTo / UNIT, e.max, e.mean);
        return e;
    }

    private static double error(IntUnaryOperator fixed, DoubleUnaryOperator reference, int raw) {
        return Math.abs(fixed.applyAsInt(raw) - reference.applyAsDouble(raw / UNIT) * UNIT);
    }

    @Test
    void isruIsWithinOneUnit() {
        Error e = measure("isru", Q16Isru::isru, x -> x / Math.sqrt(1 + x * x),
                -(256L << 16), 256L << 16, 257, Integer.MIN_VALUE);
        assertTrue(e.max <= 1.0, "target ≤ 4 units, analysis ≤ 1: " + e);
    }

    @Test
    void isruSigmoidIsWithinOneUnit() {
        Error e = measure("isruSigmoid", Q16Isru::isruSigmoid, x -> 0.5 * (1 + x / Math.sqrt(4 + x * x)),
                -(512L << 16), 512L << 16, 257, Integer.MIN_VALUE);
        assertTrue(e.max <= 1.0, "target ≤ 4 units, analysis ≤ 1: " + e);
    }

    @Test
    void tanhIsWithinTwoAndAHalfUnits() {
        Error e = measure("tanh", Q16Tanh::tanh, Math::tanh, -(25L << 14), 25L << 14, 257, Integer.MIN_VALUE);
        assertTrue(e.max <= 2.5, "target ≤ 16 units, analysis ≤ 2.5: " + e);
    }

    @Test
    void sigmoidIsWithinTwoUnits() {
        Error e = measure("sigmoid", Q16Tanh::sigmoid, x -> 1 / (1 + Math.exp(-x)),
                -(25L << 15), 25L << 15, 257, Integer.MIN_VALUE);
        assertTrue(e.max <= 2.0, "target ≤ 16 units, analysis ≤ 1.25 + ½: " + e);
    }

    @Test
    void tabulatedMantissaRootIsWithinItsInterpolationBound() {
        double max = 0;
        for (long m = 1L << 30; m < 1L << 32; m += 997) {
            double exact = 0x1p30 / Math.sqrt(m / 0x1p30);
            max = Math.max(max, Math.abs(Q16Roots.rsqrtMantissa(m) - exact));
        }
        System.out.printf("rsqrtMantissa  every 997th m in [2^30, 2^32): max %.1f units of 2^-30 (%.2e)%n", max, max / 0x1p30);
        // h²/8 · max|f''| = 2^-16 / 8 · 0.75 = 1.43e-6 = 1536 units of 2^-30, plus rounding
        assertTrue(max <= 1537, "max " + max);
    }

    @Test
    void rootsAreCorrectlyRounded() {
        Error sqrt = measure("sqrt", Q16Roots::sqrt, Math::sqrt, 0, (1L << 24) - 1, 4099, 0);
        Error rsqrt = measure("rsqrt", Q16Roots::rsqrt, x -> 1 / Math.sqrt(x), 1, (1L << 24) - 1, 4099, 1);
        assertTrue(sqrt.max <= 0.5, "sqrt " + sqrt);
        assertTrue(rsqrt.max <= 0.5, "rsqrt " + rsqrt);
    }
}
