package io.nowcast.runtime.forecast;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Parses ISO-8601 timestamps as CSV histories carry them: an instant ({@code 2026-01-05T12:00:00Z}),
 * a date-time with an offset ({@code 2026-01-05T13:00:00+01:00}), or a local date-time without
 * zone ({@code 2026-01-05T12:00:00}, also with a space instead of the T), which is read in the
 * given zone.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** @throws DateTimeParseException when the text is none of the accepted forms */
    public static Instant parse(String text, ZoneId zoneForLocalTimes) {
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        if (iso.endsWith("Z") || iso.endsWith("z")) {
            return Instant.parse(iso.toUpperCase(java.util.Locale.ROOT));
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(iso).atZone(zoneForLocalTimes).toInstant();
        }
    }
}
