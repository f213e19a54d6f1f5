package io.nowcast.sensors.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON text into plain Java values: objects as {@code Map<String, Object>} (member order
 * kept), arrays as {@code List<Object>}, strings, numbers as {@code Double}, booleans, and null.
 *
 * <p>The project's one JSON reader. It reads payloads that arrive over the network (MQTT-fed
 * sensors, {@code nowcast listen}, the demo view), so it accepts exactly the grammar of RFC 8259 and
 * nothing more, and bounds the work a hostile payload can cause: at most {@link #MAX_CHARS}
 * characters and {@link #MAX_DEPTH} nested arrays and objects (RFC 8259 §9 lets a parser set both
 * limits). Where the RFC leaves the outcome open it
 * refuses: duplicate member names (§4), unpaired surrogates (§8.2), numbers beyond a double (§6,
 * §9). Every refusal is a {@link JsonException} with a one-line message that names the character
 * offset (0-based, in UTF-16 units of the text) and quotes at most {@link #EXCERPT_CHARS}
 * characters of the text, escaped to printable ASCII.
 */
public final class JsonReader {
    /**
     * The longest text accepted, in UTF-16 units: 1 MiB. A station's largest payload (a forecast
     * with a few outputs, or an observation with one entry per channel) is a few KB; a UTF-8
     * payload of up to 1 MiB always fits, since no character takes more UTF-16 units than UTF-8
     * bytes. RFC 8259 §9: "An implementation may set limits on the size of texts that it accepts."
     */
    public static final int MAX_CHARS = 1 << 20;

    /**
     * The deepest nesting of arrays and objects accepted (the top-level container is level 1).
     * Station payloads nest 3 levels (object, array of outputs, output object); 64 leaves room and
     * keeps the recursion far from the thread's stack limit, so {@code [[[[...} is refused, not a
     * {@link StackOverflowError}. RFC 8259 §9: "An implementation may set limits on the maximum
     * depth of nesting."
     */
    public static final int MAX_DEPTH = 64;

    /** The most characters of the text an error message quotes. */
    static final int EXCERPT_CHARS = 16;

    private final String s;
    private int pos;
    private int depth; // arrays and objects open at pos

    private JsonReader(String s) {
        this.s = s;
    }

    /**
     * @throws JsonException when the text is not exactly one RFC 8259 JSON value within the limits,
     *     naming the offset
     */
    public static Object parse(String text) throws JsonException {
        JsonReader r = new JsonReader(text);
        if (text.length() > MAX_CHARS) {
            r.pos = MAX_CHARS;
            throw r.error("the text is " + text.length() + " characters long, more than the " + MAX_CHARS
                    + " allowed (RFC 8259 §9)");
        }
        // §2: JSON-text = ws value ws; one value, and nothing but whitespace after it.
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("text after the JSON value (RFC 8259 §2: one value per text)");
        }
        return v;
    }

    /** Thrown for text that is not JSON, or not within this reader's limits. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    // §3: value = false / null / true / object / array / number / string. The literal names are
    // lower case and spelled exactly; NaN and Infinity are not values (§6).
    private Object value() throws JsonException {
        skipSpace();
        if (pos >= s.length()) {
            throw error("a value expected");
        }
        return switch (s.charAt(pos)) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            case '+', '.' -> throw error("a number starts with '-' or a digit (RFC 8259 §6)");
            default -> throw error("a value expected (RFC 8259 §3: an object, array, number, string, true, false or null)");
        };
    }

    // §4: object = begin-object [ member *( value-separator member ) ] end-object;
    // member = string name-separator value. No comma before '}'.
    private Map<String, Object> object() throws JsonException {
        enter();
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            depth--;
            return m;
        }
        while (true) {
            skipSpace();
            int nameAt = pos;
            if (!peek('"')) {
                throw error("a member name (a string) expected (RFC 8259 §4)");
            }
            String name = string();
            if (m.containsKey(name)) {
                // §4: "The names within an object SHOULD be unique"; what a receiver does with a
                // repeated name is unpredictable, and a station never writes one: refuse it.
                pos = nameAt;
                throw error("a second member named " + quote(name, 0) + " (RFC 8259 §4: names should be unique)");
            }
            skipSpace();
            expect(':', "':' after the member name expected (RFC 8259 §4)");
            m.put(name, value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}', "',' or '}' expected (RFC 8259 §4)");
                depth--;
                return m;
            }
        }
    }

    // §5: array = begin-array [ value *( value-separator value ) ] end-array. No comma before ']'.
    private List<Object> array() throws JsonException {
        enter();
        List<Object> a = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            depth--;
            return a;
        }
        while (true) {
            a.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']', "',' or ']' expected (RFC 8259 §5)");
                depth--;
                return a;
            }
        }
    }

    /** Steps over '[' or '{', one level deeper; §9 lets a parser limit the depth of nesting. */
    private void enter() throws JsonException {
        if (depth == MAX_DEPTH) {
            throw error("arrays and objects nested more than " + MAX_DEPTH + " deep (RFC 8259 §9 limit)");
        }
        depth++;
        pos++;
    }

    // §7: string = quotation-mark *char quotation-mark;
    // unescaped = %x20-21 / %x23-5B / %x5D-10FFFF: '"', '\' and U+0000..U+001F must be escaped;
    // escape = '\' followed by one of " \ / b f n r t uXXXX (4 hex digits, either case).
    private String string() throws JsonException {
        StringBuilder b = new StringBuilder();
        pos++; // opening quote
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c == '\\') {
                escape(b);
            } else if (c < 0x20) {
                throw error("a control character inside a string must be escaped (RFC 8259 §7)");
            } else if (Character.isSurrogate(c)) {
                // §8.1: the text is UTF-8, which cannot carry a lone surrogate.
                int end = pairedSurrogateEnd(pos);
                if (end < 0) {
                    throw error("an unpaired surrogate character (RFC 8259 §8.1, §8.2: not Unicode)");
                }
                b.append(s, pos, end);
                pos = end;
            } else {
                b.append(c);
                pos++;
            }
        }
        throw error("a string without its closing quote (RFC 8259 §7)");
    }

    /** The escape at pos (a backslash) appended to b, pos past it. */
    private void escape(StringBuilder b) throws JsonException {
        if (pos + 1 >= s.length()) {
            throw error("a string without its closing quote (RFC 8259 §7)");
        }
        char e = s.charAt(pos + 1);
        switch (e) {
            case '"', '\\', '/' -> b.append(e);
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'u' -> {
                unicodeEscape(b);
                return;
            }
            default -> throw error("an escape other than \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX (RFC 8259 §7)");
        }
        pos += 2;
    }

    /**
     * The \\uXXXX escape at pos appended to b, pos past it. §7: a character outside the Basic
     * Multilingual Plane is escaped as a surrogate pair, "\\uD834\\uDD1E"; §8.2: a lone surrogate
     * ("\\uDEAD") is not a Unicode character and what a receiver does with it is unpredictable, so
     * a high surrogate must be followed at once by an escaped low one, and a low one must not
     * stand alone.
     */
    private void unicodeEscape(StringBuilder b) throws JsonException {
        int start = pos;
        char c = (char) hex4(pos + 2);
        if (Character.isLowSurrogate(c)) {
            throw error("an escaped low surrogate without a high one before it (RFC 8259 §8.2)");
        }
        pos += 6;
        if (Character.isHighSurrogate(c)) {
            int low = s.startsWith("\\u", pos) ? hex4(pos + 2) : -1;
            if (low < 0 || !Character.isLowSurrogate((char) low)) {
                pos = start;
                throw error("an escaped high surrogate not followed by an escaped low one (RFC 8259 §8.2)");
            }
            b.append(c).append((char) low);
            pos += 6;
        } else {
            b.append(c);
        }
    }

    /** The four hex digits (either case) at i. */
    private int hex4(int i) throws JsonException {
        int v = 0;
        for (int k = i; k < i + 4; k++) {
            int d = k < s.length() ? hexDigit(s.charAt(k)) : -1;
            if (d < 0) {
                throw error("\\u not followed by four hex digits (RFC 8259 §7)");
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static int hexDigit(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Where the surrogate pair at i ends, or -1 when the surrogate at i is not the first of a pair. */
    private int pairedSurrogateEnd(int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : -1;
    }

    // §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT );
    // frac = decimal-point 1*DIGIT; exp = e [ minus / plus ] 1*DIGIT. No '+' in front, no leading
    // zeros, a digit on both sides of the point, at least one digit in the exponent.
    private Double number() throws JsonException {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                throw error("a digit after a leading zero (RFC 8259 §6)");
            }
        } else {
            digits("a digit expected (RFC 8259 §6)");
        }
        if (peek('.')) {
            pos++;
            digits("a digit expected after the decimal point (RFC 8259 §6)");
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            digits("a digit expected in the exponent (RFC 8259 §6)");
        }
        // The grammar above is a subset of what Double.parseDouble reads.
        double v = Double.parseDouble(s.substring(start, pos));
        if (Double.isInfinite(v)) {
            // §6: Infinity is not a JSON value; §9: a parser may limit the range of numbers.
            pos = start;
            throw error("a number beyond the range of a double, ±1.7976931348623157e308 (RFC 8259 §6, §9)");
        }
        return v;
    }

    /** One or more digits at pos (1*DIGIT), pos past them. */
    private void digits(String expected) throws JsonException {
        if (pos >= s.length() || !isDigit(s.charAt(pos))) {
            throw error(expected);
        }
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9'; // ABNF DIGIT: ASCII only, never Character.isDigit's other scripts
    }

    private Object literal(String word, Object v) throws JsonException {
        if (!s.startsWith(word, pos)) {
            throw error("a value expected (RFC 8259 §3: the literals are true, false and null, in lower case)");
        }
        pos += word.length();
        return v;
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c, String what) throws JsonException {
        if (!peek(c)) {
            throw error(what);
        }
        pos++;
    }

    // §2: ws = *( %x20 / %x09 / %x0A / %x0D ): space, tab, LF, CR, and nothing else (no byte order
    // mark, no form feed, no no-break space).
    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** "not JSON at character 8: what, found "}"": one line, the text quoted from pos, briefly. */
    private JsonException error(String what) {
        String found = pos >= s.length() ? "the end of the text" : quote(s, pos);
        return new JsonException("not JSON at character " + pos + ": " + what + ", found " + found);
    }

    /**
     * At most {@link #EXCERPT_CHARS} characters of t from i, in double quotes, '"' and '\' escaped
     * with '\' and every character outside printable ASCII written as \\uXXXX: one line of ASCII,
     * whatever the text holds.
     */
    private static String quote(String t, int i) {
        int end = Math.min(t.length(), i + EXCERPT_CHARS);
        StringBuilder b = new StringBuilder(EXCERPT_CHARS * 2 + 3).append('"');
        for (int k = i; k < end; k++) {
            char c = t.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('"');
        return end < t.length() ? b.append("...").toString() : b.toString();
    }
}
