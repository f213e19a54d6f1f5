package io.nowcast.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Turns timestamp text into an instant. Default format: ISO-8601, with an offset or zone
 * ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T01:00:00+01:00}) or without one
 * ({@code 2015-02-04 17:51:00}; a space may stand for the 'T'), in which case the time zone must
 * be given (a message says to give it with --time-zone). With a pattern ({@link DateTimeFormatter} syntax), text without a zone is read in the
 * given time zone.
 */
public final class TimestampParser {
    private final DateTimeFormatter pattern; // null: ISO-8601
    private final ZoneId zone; // null: the text must carry its own offset

    public TimestampParser(String pattern, ZoneId zone) {
        this.pattern = pattern == null ? null : DateTimeFormatter.ofPattern(pattern);
        this.zone = zone;
    }

    /** The instant, or null with the reason left to the caller when the text does not parse. */
    public Instant parse(String text) {
        if (pattern != null) {
            return parsePattern(text);
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(iso);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 timestamp");
            }
            if (zone == null) {
                throw new IllegalArgumentException("'" + text + "' has no time zone; give one with --time-zone");
            }
            return local.atZone(zone).toInstant();
        }
    }

    private Instant parsePattern(String text) {
        TemporalAccessor t;
        try {
            t = pattern.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' does not match the timestamp format");
        }
        try {
            return Instant.from(t);
        } catch (DateTimeException noZone) {
            if (zone == null) {
                throw new IllegalArgumentException("'" + text + "' has no time zone; give one with --time-zone");
            }
            return LocalDateTime.from(t).atZone(zone).toInstant();
        }
    }
}
