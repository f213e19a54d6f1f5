package io.nowcast.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesAndFormats() {
        assertEquals(60, Durations.parse("60"));
        assertEquals(60, Durations.parse("60s"));
        assertEquals(1800, Durations.parse("30min"));
        assertEquals(1800, Durations.parse("30m"));
        assertEquals(10800, Durations.parse("3h"));
        assertEquals(172800, Durations.parse("2d"));
        assertEquals("30min", Durations.format(1800));
        assertEquals("3h", Durations.format(10800));
        assertEquals("90s", Durations.format(90));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
    }
}
