package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Expected instants worked out by hand from each text and zone rule. */
class TimestampParserTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

    @Test
    void isoWithZoneOffsetOrNone() {
        TimestampParser p = new TimestampParser(null, BERLIN);
        assertEquals(NOON, p.parse("2026-01-05T12:00:00Z"));
        assertEquals(NOON, p.parse("2026-01-05T13:00:00+01:00"));
        assertEquals(NOON, p.parse("2026-01-05 13:00:00")); // CET = UTC+1 in January
        assertEquals(Instant.parse("2026-07-05T12:00:00Z"), p.parse("2026-07-05 14:00:00")); // CEST = UTC+2
        assertEquals(NOON, new TimestampParser(null, ZoneId.of("UTC")).parse("2026-01-05T12:00"));
    }

    @Test
    void aPattern() {
        assertEquals(NOON, new TimestampParser("dd.MM.yyyy HH:mm", ZoneId.of("UTC")).parse("05.01.2026 12:00"));
    }

    @Test
    void localTimeWithoutAZoneAndGarbageAreExplained() {
        IllegalArgumentException noZone = assertThrows(IllegalArgumentException.class,
                () -> new TimestampParser(null, null).parse("2026-01-05 13:00:00"));
        assertTrue(noZone.getMessage().contains("has no time zone"), noZone.getMessage());
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> new TimestampParser(null, BERLIN).parse("yesterday"));
        assertEquals("'yesterday' is not an ISO-8601 timestamp", garbage.getMessage());
    }

    @Test
    void epochSecondsWholeAndDecimalInUtcWhateverTheZone() {
        TimestampParser p = new TimestampParser("epoch", BERLIN);
        // 2026-01-05T12:00:00Z = 20458 days × 86400 s + 12 h × 3600 s = 1767571200 + 43200 = 1767614400
        assertEquals(NOON, p.parse("1767614400"));
        assertEquals(NOON.plusMillis(250), p.parse("1767614400.25"));
        assertEquals(NOON.plusNanos(1), p.parse(" 1767614400.000000001 "));
        assertEquals(Instant.EPOCH.minusMillis(500), new TimestampParser("EPOCH", null).parse("-0.5"));
        // weewx's first bariloche row: 1490703313 = 2017-03-28T12:15:13Z (sqlite3: datetime(1490703313,'unixepoch'))
        assertEquals(Instant.parse("2017-03-28T12:15:13Z"), p.parse("1490703313"));
    }

    @Test
    void epochSecondsThatAreNotANumberAreExplained() {
        TimestampParser p = new TimestampParser("epoch", null);
        for (String bad : new String[] {"", "12.", "2026-01-05", "0x10", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.parse(bad), bad);
            assertEquals("'" + bad + "' is not a number of seconds since the epoch", e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.parse("1e30")).getMessage()
                .contains("out of range"));
    }
}
