package io.nowcast.history;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Nowcast writes a duration: in the station's configuration, in the sensors' settings
 * and in the trainer's options.
 *
 * <p>Written {@code <whole number><unit>}, a space allowed between, any case: {@code 150ms},
 * {@code 10s}, {@code 5min} (or {@code 5m}), {@code 1h}, {@code 2d}; or anything
 * {@link Duration#parse} takes ({@code PT10M}, {@code P2D}). Refused: a negative duration, a bare
 * number (seconds or minutes?), and one longer than a {@code long} of nanoseconds holds (about
 * 292 years), so that every parsed duration converts to nanoseconds without overflow.
 */
public final class Durations {
    /** The longest duration accepted: {@code Long.MAX_VALUE} ns, 106751d 23h 47min 16.854775807s. */
    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);
    private static final String FORMS = "write a whole number and a unit (150ms, 10s, 5min or 5m, 1h, 2d) "
            + "or ISO-8601 (PT10M)";
    private static final Pattern COMPACT = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_NUMBER = Pattern.compile("\\+?\\d+(\\.\\d*)?");
    private static final long[] UNIT_SECONDS = {86_400, 3600, 60, 1};
    private static final String[] UNIT_NAMES = {"d", "h", "min", "s"};

    private Durations() {
    }

    /**
     * Parses a duration written as the class comment says.
     *
     * @throws IllegalArgumentException one line quoting {@code text} and naming the accepted forms
     */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.startsWith("-")) {
            throw negative(text);
        }
        if (BARE_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: " + FORMS);
        }
        Duration d = parseForm(text, t);
        if (d.isNegative()) {
            throw negative(text);
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(text);
        }
        return d;
    }

    private static Duration parseForm(String text, String t) {
        Matcher m = COMPACT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "min", "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw tooLong(text);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof NumberFormatException || e.getCause() instanceof ArithmeticException) {
                throw tooLong(text);
            }
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + FORMS);
        }
    }

    private static IllegalArgumentException negative(String text) {
        return new IllegalArgumentException("'" + text + "' is negative; a duration is 0 or more");
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is too long a duration (at most " + MAX.toDays() + "d)");
    }

    /**
     * Parses a duration that must be whole seconds (the trainer's interval, horizons and gap
     * tolerance).
     *
     * @throws IllegalArgumentException as {@link #parse}, or for a fraction of a second
     */
    public static long parseSeconds(String text) {
        Duration d = parse(text);
        if (d.getNano() != 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of seconds (the finest step is 1s)");
        }
        return d.getSeconds();
    }

    /**
     * The shortest exact form in one unit: {@code 2d}, {@code 3h}, {@code 30min}, {@code 90s},
     * {@code 150ms}, {@code 0s}. A duration that is not whole milliseconds, is negative or is
     * longer than {@link #parse} accepts is written as ISO-8601 ({@code PT0.0000001S}), which
     * {@link #parse} also reads.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative() || d.compareTo(MAX) > 0 || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        if (d.getNano() != 0) {
            return d.toMillis() + "ms";
        }
        long seconds = d.getSeconds();
        int unit = 0;
        while (seconds % UNIT_SECONDS[unit] != 0) {
            unit++;
        }
        return seconds / UNIT_SECONDS[unit] + UNIT_NAMES[unit];
    }

    /** {@link #format} of a whole number of seconds: 90 → {@code 90s}, 1800 → {@code 30min}. */
    public static String formatSeconds(long seconds) {
        return format(Duration.ofSeconds(seconds));
    }
}
