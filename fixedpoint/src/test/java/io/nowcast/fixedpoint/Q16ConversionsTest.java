package io.nowcast.fixedpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Q16ConversionsTest {
    @Test
    void roundsToNearestTiesUpAndSaturates() {
        assertEquals(98304, Q16Conversions.toQ16(1.5));
        assertEquals(1, Q16Conversions.toQ16(0x1p-17)); // half a unit: tie, up
        assertEquals(0, Q16Conversions.toQ16(-0x1p-17)); // tie towards +∞
        assertEquals(-1, Q16Conversions.toQ16(-0x1p-17 - 0x1p-30));
        assertEquals(Q16.MAX, Q16Conversions.toQ16(1e6));
        assertEquals(Q16.MIN, Q16Conversions.toQ16(-1e6));
        assertEquals(0, Q16Conversions.toQ16(Double.NaN));
        assertEquals(-2.25, Q16Conversions.toDouble(-147456));
        assertEquals(0.5f, Q16Conversions.toFloat(32768));
    }

    @Test
    void q32x32ClipsAtTwoToThe30() {
        assertEquals(3L << 31, Q16Conversions.toQ32x32(1.5f));
        assertEquals(1L << 62, Q16Conversions.toQ32x32(1e12f));
        assertEquals(-(1L << 62), Q16Conversions.toQ32x32(Float.NEGATIVE_INFINITY));
        assertEquals(0, Q16Conversions.toQ32x32(Float.NaN));
        assertTrue(Q16Conversions.inQ32x32Range(-1e9f));
        assertFalse(Q16Conversions.inQ32x32Range(2e9f));
        assertFalse(Q16Conversions.inQ32x32Range(Float.NaN));
        assertEquals(101325.25f, Q16Conversions.fromQ32x32(Q16Conversions.toQ32x32(101325.25f)));
    }
}
