package io.nowcast.trainer.eval;

/** Seconds as short human text: 90 → "90s", 1800 → "30min", 10800 → "3h", 172800 → "2d". */
public final class Durations {
    private Durations() {
    }

    public static String format(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "min";
        }
        return seconds + "s";
    }

    /** Parses "90", "90s", "30m", "30min", "3h", "2d" into seconds. */
    public static long parse(String text) {
        String t = text.strip().toLowerCase();
        long unit = 1;
        String digits = t;
        if (t.endsWith("min")) {
            unit = 60;
            digits = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s")) {
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3600;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("d")) {
            unit = 86_400;
            digits = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(digits.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 60s, 30min, 3h, 2d)");
        }
    }
}
