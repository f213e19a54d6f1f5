package io.nowcast.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * given time zone. The format {@value #EPOCH} reads seconds since the Unix epoch, UTC, as weewx
 * and many loggers write them: a whole number ({@code 1490703313}) or a decimal one
 * ({@code 1490703313.25}), to the nanosecond; the time zone plays no part.
 */
public final class TimestampParser {
    /** The format name of seconds since 1970-01-01T00:00:00Z (any case). */
    public static final String EPOCH = "epoch";

    private final DateTimeFormatter pattern; // null: ISO-8601 or epoch seconds
    private final boolean epochSeconds;
    private final ZoneId zone; // null: the text must carry its own offset

    /**
     * @param pattern null for ISO-8601, {@value #EPOCH} for epoch seconds, or a {@link DateTimeFormatter} pattern
     * @throws IllegalArgumentException when the pattern is not one
     */
    public TimestampParser(String pattern, ZoneId zone) {
        this.epochSeconds = pattern != null && pattern.trim().equalsIgnoreCase(EPOCH);
        this.pattern = pattern == null || epochSeconds ? null : DateTimeFormatter.ofPattern(pattern);
        this.zone = zone;
    }

    /**
     * The instant the text stands for.
     *
     * @throws IllegalArgumentException saying why, quoting the text, when it does not parse
     */
    public Instant parse(String text) {
        if (epochSeconds) {
            return parseEpochSeconds(text);
        }
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

    private static Instant parseEpochSeconds(String text) {
        String t = text.trim();
        BigDecimal seconds;
        try {
            if (t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1))) {
                throw new NumberFormatException(); // "12." and "1e9x": not written by any logger
            }
            seconds = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds since the epoch");
        }
        try {
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' seconds since the epoch is out of range");
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
