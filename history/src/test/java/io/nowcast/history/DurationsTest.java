package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage();
    }

    @Test
    void readsEveryUnitWithOrWithoutASpaceInAnyCase() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse(" 10 s "));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90S"));
        assertEquals(Duration.ofSeconds(1800), Durations.parse("30min"), "30 × 60 s");
        assertEquals(Duration.ofSeconds(1800), Durations.parse("30m"), "m is min");
        assertEquals(Duration.ofSeconds(300), Durations.parse("5 MIN"));
        assertEquals(Duration.ofSeconds(10_800), Durations.parse("3h"), "3 × 3600 s");
        assertEquals(Duration.ofSeconds(172_800), Durations.parse("2d"), "2 × 86400 s");
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @Test
    void readsWhatDurationParseReads() {
        assertEquals(Duration.ofSeconds(600), Durations.parse("PT10M"));
        assertEquals(Duration.ofSeconds(172_800), Durations.parse("P2D"));
        assertEquals(Duration.ofSeconds(5_400), Durations.parse("pt1h30m"), "1 × 3600 + 30 × 60 s");
        assertEquals(Duration.ofNanos(100), Durations.parse("PT0.0000001S"));
    }

    @Test
    void refusesABareNumberNamingTheForms() {
        String forms = "write a whole number and a unit (150ms, 10s, 5min or 5m, 1h, 2d) or ISO-8601 (PT10M)";
        assertEquals("'90' has no unit: " + forms, refusal("90"));
        assertEquals("'1.5' has no unit: " + forms, refusal("1.5"));
        assertEquals("'soon' is not a duration: " + forms, refusal("soon"));
        assertEquals("'1.5h' is not a duration: " + forms, refusal("1.5h"));
        assertEquals("'' is not a duration: " + forms, refusal(""));
    }

    @Test
    void refusesNegativeAndOverflowingDurations() {
        assertEquals("'-5s' is negative; a duration is 0 or more", refusal("-5s"));
        assertEquals("'PT-10M' is negative; a duration is 0 or more", refusal("PT-10M"));
        assertEquals("'-PT0S' is negative; a duration is 0 or more", refusal("-PT0S"));
        // Long.MAX_VALUE ns = 9223372036.854775807 s = 106751 d + 85636.854775807 s
        String tooLong = "is too long a duration (at most 106751d)";
        assertEquals("'106752d' " + tooLong, refusal("106752d"));
        assertEquals("'99999999999999999999s' " + tooLong, refusal("99999999999999999999s"), "more digits than a long");
        assertEquals("'P9999999999999999D' " + tooLong, refusal("P9999999999999999D"), "overflows inside Duration.parse");
        assertEquals(Duration.ofDays(106_751), Durations.parse("106751d"));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("2d", Durations.format(Duration.ofHours(48)));
        assertEquals("3h", Durations.format(Duration.ofMinutes(180)));
        assertEquals("25h", Durations.format(Duration.ofSeconds(90_000)), "90000 s = 25 × 3600, not whole days");
        assertEquals("30min", Durations.format(Duration.ofSeconds(1800)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("150ms", Durations.format(Duration.ofMillis(150)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("PT0.0000001S", Durations.format(Duration.ofNanos(100)), "below 1 ms: ISO-8601");
    }

    @Test
    void formatThenParseGivesTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(61_001),
                Duration.ofSeconds(86_401), Duration.ofDays(106_751), Duration.ofNanos(1)}) {
            assertEquals(d, Durations.parse(Durations.format(d)), d.toString());
        }
    }

    @Test
    void wholeSecondsForTheTrainer() {
        assertEquals(60, Durations.parseSeconds("60s"));
        assertEquals(1800, Durations.parseSeconds("30min"));
        assertEquals(172_800, Durations.parseSeconds("2d"));
        assertEquals(2, Durations.parseSeconds("2000ms"));
        assertEquals("'1500ms' is not a whole number of seconds (the finest step is 1s)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parseSeconds("1500ms")).getMessage());
        assertEquals("30min", Durations.formatSeconds(1800));
        assertEquals("3h", Durations.formatSeconds(10_800));
        assertEquals("90s", Durations.formatSeconds(90));
    }
}
