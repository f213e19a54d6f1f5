package io.nowcast.sensors.mqtt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Numbers out of payloads, and payload values quoted in reasons (one line of printable ASCII). */
final class PayloadValues {
    /**
     * A decimal number as devices write one: {@code 21.5}, {@code -3}, {@code 1e-05} (Python's str of a
     * float), {@code .5}. Not {@code nan}, {@code inf}, hex or Java's {@code 1d}, which
     * {@link Double#parseDouble} would take.
     */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final int EXCERPT_CHARS = 24;

    private PayloadValues() {
    }

    /** The number {@code text} holds (surrounding white space allowed), or NaN when it holds none. */
    static double decimal(String text) {
        String t = text.strip();
        if (t.length() > 64 || !DECIMAL.matcher(t).matches()) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    /**
     * A JSON value as a reason quotes it: a string in double quotes (at most 24 characters, escaped to
     * printable ASCII), numbers and literals as written, {@code an object}, {@code an array}.
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value.toString();
    }

    /** At most 24 characters of {@code s} in double quotes, '"' and '\' escaped, the rest as \\uXXXX. */
    static String quote(String s) {
        int end = Math.min(s.length(), EXCERPT_CHARS);
        StringBuilder b = new StringBuilder(end + 8).append('"');
        for (int k = 0; k < end; k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('"');
        return end < s.length() ? b.append("...").toString() : b.toString();
    }

    /** {@code v} to 6 significant digits, without trailing zeros: {@code 65.5556}, {@code 1013.2}, {@code 0}. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
