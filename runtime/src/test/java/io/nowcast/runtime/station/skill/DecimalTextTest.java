package io.nowcast.runtime.station.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The skill payload's numbers: 7 significant digits, rounded half up, plain or with an exponent;
 * checked against {@link BigDecimal}'s rounding of the exact value of each double.
 */
class DecimalTextTest {
    private static String text(double x) {
        byte[] out = new byte[DecimalText.MAX_LENGTH];
        return new String(out, 0, DecimalText.write(x, out, 0), StandardCharsets.US_ASCII);
    }

    @Test
    void handPickedValues() {
        assertEquals("0", text(0));
        assertEquals("null", text(Double.NaN));
        assertEquals("null", text(Double.NEGATIVE_INFINITY));
        assertEquals("1", text(1));
        assertEquals("-0.5", text(-0.5));
        assertEquals("1.198791", text(1.1987906401627486));
        assertEquals("-0.02283801", text(-0.022838013810918767));
        assertEquals("1234567", text(1234567.4));
        assertEquals("1.234568E7", text(12345678));
        assertEquals("10", text(9.9999996)); // the carry into an eighth digit
        assertEquals("0.00001", text(1e-5));
        assertEquals("1.5E-7", text(1.5e-7));
        assertEquals("-1.797693E308", text(-Double.MAX_VALUE));
        assertEquals("4.940656E-324", text(Double.MIN_VALUE)); // 2^-1074 = 4.9406564584124654E-324
        assertEquals(14, text(-1.234567e-308).length(), "MAX_LENGTH");
    }

    @Test
    void randomValuesAreTheExactValueRoundedTo7Digits() {
        SplittableRandom rnd = new SplittableRandom(7);
        MathContext seven = new MathContext(7, RoundingMode.HALF_UP);
        int halfway = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble() * Math.pow(10, rnd.nextInt(-12, 12));
            String t = text(x);
            BigDecimal exact = new BigDecimal(x);
            BigDecimal rounded = exact.round(seven);
            BigDecimal written = new BigDecimal(t);
            if (written.compareTo(rounded) != 0) {
                // Only where the exact value is within a hair of halfway between two 7-digit values may
                // scaling by a power of ten in doubles round the other way.
                BigDecimal unit = rounded.ulp();
                BigDecimal fromHalf = exact.subtract(rounded).abs().subtract(unit.divide(BigDecimal.valueOf(2))).abs();
                assertTrue(fromHalf.compareTo(unit.multiply(new BigDecimal("1e-8"))) < 0, x + " written " + t);
                halfway++;
            }
            assertTrue(written.precision() <= 7 && t.length() <= DecimalText.MAX_LENGTH, t);
        }
        assertTrue(halfway < 20, halfway + " halfway cases");
    }
}
