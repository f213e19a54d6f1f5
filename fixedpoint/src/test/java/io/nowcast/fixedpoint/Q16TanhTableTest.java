package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tanh table, entry by entry: at x = k/64 the interpolation's fraction is 0, so tanh returns
 * the table entry itself, which must be round(tanh(k/64) · 2^16) as {@link Math#tanh} computes it.
 */
class Q16TanhTableTest {
    @Test
    void everyEntryIsTheRoundedDoubleTanh() {
        for (int k = 0; k <= 400; k++) {
            int expected = (int) Math.floor(Math.tanh(k / 64.0) * 65536 + 0.5);
            assertEquals(expected, Q16Tanh.tanh(k << 10), "entry " + k);
            assertEquals(-expected, Q16Tanh.tanh(-(k << 10)), "entry -" + k);
        }
        assertEquals(65536, Q16Tanh.tanh(Integer.MAX_VALUE));
        assertEquals(-65536, Q16Tanh.tanh(Integer.MIN_VALUE));
        assertEquals(0, Q16Tanh.sigmoid(Integer.MIN_VALUE));
        assertEquals(32768, Q16Tanh.sigmoid(0));
    }
}
