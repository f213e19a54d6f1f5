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
}
