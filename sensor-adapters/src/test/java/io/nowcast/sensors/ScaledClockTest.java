package io.nowcast.sensors;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaledClockTest {
    @Test
    void runsSpeedTimesFasterFromItsOrigin() {
        ManualClock real = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
        ScaledClock demo = ScaledClock.startingAt(real, Instant.parse("2026-01-01T00:00:00Z"), 600);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), demo.instant());
        real.advance(Duration.ofMillis(1500));
        assertEquals(Instant.parse("2026-01-01T00:15:00Z"), demo.instant());   // 1.5 s × 600 = 15 min
        assertEquals(Duration.ofSeconds(1), demo.baseDurationOf(Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> ScaledClock.startingAt(real, Instant.EPOCH, 0));
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse(" 10 s "));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s"));
        assertEquals("150 ms", Durations.format(Duration.ofMillis(150)));
        assertEquals("2 s", Durations.format(Duration.ofSeconds(2)));
        assertEquals("5 min", Durations.format(Duration.ofMinutes(5)));
    }
}
