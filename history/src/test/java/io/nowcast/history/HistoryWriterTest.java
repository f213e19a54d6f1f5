package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decimal text worked out by hand: round half away from zero at four places, no exponent, no trailing zeros. */
class HistoryWriterTest {
    private static String decimal(double v) {
        StringBuilder s = new StringBuilder();
        HistoryWriter.appendDecimal(s, v);
        return s.toString();
    }

    @Test
    void valuesArePlainDecimalsAtMostFourPlaces() {
        assertEquals("0", decimal(0.0));
        assertEquals("0", decimal(-0.00004), "rounds to zero, so no sign");
        assertEquals("0.0001", decimal(0.00005));
        assertEquals("-0.0001", decimal(-0.00005));
        assertEquals("0.0102", decimal(0.0102));
        assertEquals("1013.2", decimal(1013.2));
        assertEquals("100000000", decimal(1e8), "no exponent");
        assertEquals("21.5334", decimal(21.53337));
        assertEquals("-7", decimal(-7));
    }

    @Test
    void infiniteValuesAndWrongRowsAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> decimal(Double.POSITIVE_INFINITY));
        HistoryWriter w = HistoryWriter.withHeader(new StringWriter(), List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> w.row(Instant.EPOCH, new double[] {1}));
    }

    @Test
    void theHeaderNamesTheTimeColumnFirst() {
        assertEquals("timestamp,temperature,humidity", HistoryWriter.header(List.of("temperature", "humidity")));
        assertEquals("timestamp", HistoryWriter.header(List.of()));
    }
}
