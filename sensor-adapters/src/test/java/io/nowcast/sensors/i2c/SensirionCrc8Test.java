package io.nowcast.sensors.i2c;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SensirionCrc8Test {

    @Test
    void matchesTheDatasheetExample() {
        // SHT3x-DIS datasheet Table 19 and SHT4x datasheet section 4.4: CRC(0xBEEF) = 0x92
        assertEquals(0x92, SensirionCrc8.of(new byte[]{(byte) 0xBE, (byte) 0xEF}, 0, 2));
    }

    /**
     * The same CRC as polynomial arithmetic over GF(2): with initial value 0xFF and no final XOR,
     * the CRC of a 16-bit word w is (w·x^8 XOR 0xFF·x^16) mod (x^8 + x^5 + x^4 + 1).
     */
    static int crcByPolynomialDivision(int word) {
        long dividend = ((long) word << 8) ^ (0xFFL << 16);   // 24 bits
        long poly = 0x131;                                    // x^8 + x^5 + x^4 + 1
        for (int bit = 23; bit >= 8; bit--) {
            if ((dividend >> bit & 1) != 0) {
                dividend ^= poly << (bit - 8);
            }
        }
        return (int) dividend;
    }

    @Test
    void agreesWithPolynomialDivisionOnManyWords() {
        assertEquals(0x92, crcByPolynomialDivision(0xBEEF), "the reference itself reproduces the datasheet");
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            int w = r.nextInt(0x10000);
            assertEquals(crcByPolynomialDivision(w), SensirionCrc8.of(new byte[]{(byte) (w >> 8), (byte) w}, 0, 2), "word " + w);
        }
    }
}
