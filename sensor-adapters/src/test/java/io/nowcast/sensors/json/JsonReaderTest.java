package io.nowcast.sensors.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.sensors.json.JsonReader.JsonException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JsonReader against RFC 8259: what it accepts, with the values it gives, and one refusal per rule,
 * each naming the character offset (0-based) where the text stops being JSON. Expected values are
 * worked out by hand in the comments.
 */
class JsonReaderTest {

    // ---- accepted forms -------------------------------------------------------------------------

    @Test
    void literalsAreTheirJavaValues() throws Exception {
        assertEquals(Boolean.TRUE, JsonReader.parse("true"));
        assertEquals(Boolean.FALSE, JsonReader.parse("false"));
        assertNull(JsonReader.parse("null"));
    }

    @Test
    void numbersAreDoubles() throws Exception {
        assertEquals(0.0, JsonReader.parse("0"));
        assertEquals(-0.0, JsonReader.parse("-0")); // Double.equals tells -0.0 from 0.0
        assertEquals(4711.0, JsonReader.parse("4711"));
        assertEquals(-12.25, JsonReader.parse("-12.25"));
        assertEquals(0.125, JsonReader.parse("0.125"));
        assertEquals(1500.0, JsonReader.parse("1.5e3")); // 1.5 * 10^3
        assertEquals(100.0, JsonReader.parse("1E+2")); // upper-case e, explicit + in the exponent
        assertEquals(0.25, JsonReader.parse("25e-2")); // 25 / 100
        assertEquals(120.0, JsonReader.parse("1.20e002")); // leading zeros are allowed in the exponent
        assertEquals(Double.MAX_VALUE, JsonReader.parse("1.7976931348623157e308"));
        assertEquals(0.0, JsonReader.parse("1e-400")); // below the smallest double: rounds to zero (§6 allows approximation)
        assertInstanceOf(Double.class, JsonReader.parse("7"), "callers read numbers through Number; integers too are Double");
    }

    @Test
    void stringsWithEveryEscape() throws Exception {
        assertEquals("", JsonReader.parse("\"\""));
        assertEquals("\" \\ / \b \f \n \r \t", JsonReader.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        // \\u in either case: U+00E9 é, U+00C9 É, U+0041 A, U+0000
        assertEquals("éÉA\u0000", JsonReader.parse("\"\\u00e9\\u00C9\\u0041\\u0000\""));
        // unescaped: anything from U+0020 up but '"' and '\', DEL and non-ASCII included
        assertEquals("7.8 °C \u007f ü", JsonReader.parse("\"7.8 °C \u007f ü\""));
    }

    @Test
    void surrogatePairEscapesBecomeOneCharacter() throws Exception {
        // §7's own example: U+1D11E (G clef) is escaped as the pair \\uD834\\uDD1E.
        String clef = (String) JsonReader.parse("\"\\uD834\\uDD1E\"");
        assertEquals(0x1D11E, clef.codePointAt(0));
        assertEquals(2, clef.length());
        // U+1F600 = 0xD83D 0xDE00, written in lower case, and the same character unescaped
        assertEquals("\uD83D\uDE00", JsonReader.parse("\"\\ud83d\\ude00\""));
        assertEquals("a\uD83D\uDE00b", JsonReader.parse("\"a\uD83D\uDE00b\""));
    }

    @Test
    void whitespaceIsSpaceTabLineFeedAndCarriageReturn() throws Exception {
        Object v = JsonReader.parse(" \t\n\r[ 1 ,\t{ \"a\" : null }\r\n] \n");
        assertEquals(Arrays.asList(1.0, map("a", null)), v);
    }

    @Test
    void objectsKeepMemberOrderAndArraysNest() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) JsonReader.parse("{\"z\":1,\"a\":[],\"m\":{},\"\":[[true]]}");
        assertEquals(List.of("z", "a", "m", ""), new ArrayList<>(m.keySet()));
        assertEquals(map("z", 1.0, "a", List.of(), "m", Map.of(), "", List.of(List.of(true))), m);
        // the same name in different objects is no duplicate
        assertEquals(map("a", map("a", 1.0), "b", List.of(map("a", 2.0))),
                JsonReader.parse("{\"a\":{\"a\":1},\"b\":[{\"a\":2}]}"));
    }

    @Test
    void aForecastPayloadAsTheCallersReadIt() throws Exception {
        // docs/mqtt.md's example forecast, trimmed
        String text = "{\"station\":\"garden\",\"seq\":1234,\"issued\":\"2026-11-28T12:02:30.004Z\","
                + "\"outputs\":[{\"name\":\"temperature_3h\",\"unit\":\"°C\",\"horizon_s\":10800,\"value\":6.91}],"
                + "\"degraded\":true,\"reasons\":[\"humidity: filled\"],\"inference_us\":153}";
        assertEquals(map("station", "garden", "seq", 1234.0, "issued", "2026-11-28T12:02:30.004Z",
                "outputs", List.of(map("name", "temperature_3h", "unit", "°C", "horizon_s", 10800.0, "value", 6.91)),
                "degraded", true, "reasons", List.of("humidity: filled"), "inference_us", 153.0), JsonReader.parse(text));
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void theMessageSaysWhatWhereAndQuotesTheText() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse("{\"a\": 1,}"));
        assertEquals("not JSON at character 8: a member name (a string) expected (RFC 8259 §4), found \"}\"", e.getMessage());
    }

    /**
     * The refusals, rule by rule (RFC 8259 section first): the text, the offset where it stops
     * being JSON (worked out by hand where it is not obvious), and phrases of the message.
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                row("§4 §5 trailing comma", "[1,2,]", 5, "a value expected"), // [=0 1=1 ,=2 2=3 ,=4 ]=5
                row("§4 §5 trailing comma", "{\"a\":1,}", 7, "a member name"),
                row("§4 §5 separators", "[1 2]", 3, "',' or ']' expected"),
                row("§4 §5 separators", "{\"a\":1 \"b\":2}", 7, "',' or '}' expected"),
                row("§4 §5 separators", "{\"a\" 1}", 5, "':' after the member name"),
                row("§4 §5 separators", "[1", 2, "',' or ']' expected", "found the end of the text"),
                row("§6 leading zero", "01", 1, "a digit after a leading zero"),
                row("§6 leading zero", "-01", 2, "a digit after a leading zero"),
                row("§6 leading zero", "[00]", 2, "a digit after a leading zero"),
                row("§6 plus sign", "+1", 0, "a number starts with '-' or a digit"),
                row("§6 plus sign", "[+1]", 1, "a number starts with '-' or a digit"),
                row("§6 digits", ".5", 0, "a number starts with '-' or a digit"),
                row("§6 digits", "1.", 2, "a digit expected after the decimal point"),
                row("§6 digits", "1.e3", 2, "a digit expected after the decimal point"),
                row("§6 digits", "1e", 2, "a digit expected in the exponent"),
                row("§6 digits", "1e+", 3, "a digit expected in the exponent"),
                row("§6 digits", "-", 1, "a digit expected"),
                row("§6 digits", "[- 1]", 2, "a digit expected"),
                row("§6 NaN, Infinity", "NaN", 0, "a value expected"),
                row("§6 NaN, Infinity", "Infinity", 0, "a value expected"),
                row("§6 NaN, Infinity", "-Infinity", 1, "a digit expected"),
                row("§6 NaN, Infinity", "[nan]", 1, "the literals are true, false and null"),
                row("§3 literals", "True", 0, "a value expected"),
                row("§3 literals", "NULL", 0, "a value expected"),
                row("§3 literals", "tRUE", 0, "the literals are true, false and null"),
                row("§3 literals", "nul", 0, "the literals are true, false and null"),
                row("§3 literals", "truex", 4, "text after the JSON value"),
                row("§3 literals", "[falsey]", 6, "',' or ']' expected"),
                row("§2 whitespace", "\u000b[]", 0, "a value expected"), // vertical tab
                row("§2 whitespace", "[1,\f2]", 3, "a value expected"), // form feed
                row("§2 whitespace", "\u00a0[]", 0, "a value expected"), // no-break space
                // byte order mark: §8.1 says a parser MAY ignore it; this one does not
                row("§2 whitespace", "\ufeff{}", 0, "a value expected"),
                row("§2 whitespace", "[1]\u2028", 3, "text after the JSON value"),
                row("§2 one value", "", 0, "a value expected, found the end of the text"),
                row("§2 one value", " \n", 2, "a value expected, found the end of the text"),
                row("§2 one value", "[1] [2]", 4, "text after the JSON value"),
                row("§2 one value", "1 2", 2, "text after the JSON value"),
                row("§2 one value", "\"a\"\"b\"", 3, "text after the JSON value"),
                row("§2 one value", "{}/**/", 2, "text after the JSON value"),
                row("§6 §9 range", "1e309", 0, "beyond the range of a double"),
                row("§6 §9 range", "-1e309", 0, "beyond the range of a double"),
                row("§6 §9 range", "[1.8e308]", 1, "beyond the range of a double"), // MAX_VALUE is 1.797...e308
                row("§6 §9 range", "{\"x\":1e99999999999999999999}", 5, "beyond the range of a double"),
                row("§7 escapes", "\"\\x41\"", 1, "an escape other than"),
                row("§7 escapes", "\"ab\\'\"", 3, "an escape other than"),
                row("§7 escapes", "\"\\a\"", 1, "an escape other than"),
                row("§7 escapes", "\"\\0\"", 1, "an escape other than"),
                row("§7 escapes", "\"\\U0041\"", 1, "an escape other than"), // only a lower-case u
                row("§7 escapes", "\"\\u+123\"", 1, "four hex digits"), // Integer.parseInt(s, 16) would take the +
                row("§7 escapes", "\"\\u12G4\"", 1, "four hex digits"),
                row("§7 escapes", "\"\\u12\"", 1, "four hex digits"),
                // Arabic-Indic digits, which Character.digit would take
                row("§7 escapes", "\"\\u\u0661\u0662\u0663\u0664\"", 1, "four hex digits"),
                row("§7 closing quote", "\"open", 5, "a string without its closing quote", "found the end of the text"),
                row("§7 closing quote", "\"open\\", 5, "a string without its closing quote"),
                // §8.2: "\\uDEAD" alone is not a Unicode character; what a receiver does with it is unpredictable
                row("§8.2 surrogates", "\"\\uD834\"", 1, "not followed by an escaped low one"),
                row("§8.2 surrogates", "\"\\uD834x\"", 1, "not followed by an escaped low one"),
                row("§8.2 surrogates", "\"\\uD834\\u0041\"", 1, "not followed by an escaped low one"),
                row("§8.2 surrogates", "\"\\uD834\\uD834\\uDD1E\"", 1, "not followed by an escaped low one"),
                row("§8.2 surrogates", "\"\\uD834\uDD1E\"", 1, "not followed by an escaped low one"), // raw low after it
                row("§8.2 surrogates", "\"x\\uDD1E\"", 2, "low surrogate without a high one"),
                row("§8.2 surrogates", "\"\\uDD1E\\uD834\"", 1, "low surrogate without a high one"), // the pair reversed
                row("§8.2 surrogates", "\"\\uD834\\u12\"", 7, "four hex digits"), // "=0 \=1 u=2 D834=3..6 \=7
                row("§8.2 surrogates", "\"\uD834\"", 1, "an unpaired surrogate character"), // raw, as a String can hold but UTF-8 cannot
                row("§8.2 surrogates", "\"\uDD1E\uD834\"", 1, "an unpaired surrogate character"),
                row("§4 unique names", "{\"a\":1,\"a\":2}", 7, "a second member named \"a\""), // {=0 "=1 a=2 "=3 :=4 1=5 ,=6 "=7
                row("§4 unique names", "{\"a\":1,\"\\u0061\":2}", 7, "a second member named \"a\"")); // the same name once unescaped
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void refuses(String rule, String text, int offset, String... phrases) {
        refused(text, offset, phrases);
    }

    private static Arguments row(String rule, String text, int offset, String... phrases) {
        return Arguments.of(rule, text, offset, phrases);
    }

    @Test
    void refusesEveryRawControlCharacterInAString() {
        // §7: U+0000..U+001F must be escaped
        for (char c = 0; c < 0x20; c++) {
            String message = refused("\"a" + c + "b\"", 2, "a control character inside a string must be escaped");
            assertTrue(message.contains(String.format("found \"\\u%04xb\\\"\"", (int) c)), message);
        }
    }

    // ---- limits (§9) ----------------------------------------------------------------------------

    @Test
    void nestingAtTheLimitIsAcceptedAndOnePastItRefused() throws Exception {
        int n = JsonReader.MAX_DEPTH;
        Object v = JsonReader.parse("[".repeat(n) + "]".repeat(n));
        for (int level = 1; level < n; level++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
        refused("[".repeat(n + 1) + "]".repeat(n + 1), n, "nested more than 64 deep");
        // objects count the same: each {"a": is 5 characters
        assertInstanceOf(Map.class, JsonReader.parse("{\"a\":".repeat(n) + "1" + "}".repeat(n)));
        refused("{\"a\":".repeat(n + 1) + "1" + "}".repeat(n + 1), 5 * n, "nested more than 64 deep");
        // and mixed: each [{"a": is 6 characters and two levels
        assertInstanceOf(List.class, JsonReader.parse("[{\"a\":".repeat(n / 2) + "0" + "}]".repeat(n / 2)));
        refused("[{\"a\":".repeat(n / 2) + "[0]" + "}]".repeat(n / 2), 6 * (n / 2), "nested more than 64 deep");
    }

    @Test
    void aHundredThousandOpenBracketsAreRefusedWithoutOverflowingTheStack() {
        // assertThrows fails on any other Throwable, StackOverflowError included
        refused("[".repeat(100_000), JsonReader.MAX_DEPTH, "nested more than 64 deep");
        refused("{\"a\":[".repeat(50_000), 6 * 32, "nested more than 64 deep");
    }

    @Test
    void textsUpToTheSizeLimitAreAcceptedAndLongerOnesRefused() throws Exception {
        int max = JsonReader.MAX_CHARS;
        assertEquals(max - 2, ((String) JsonReader.parse("\"" + "x".repeat(max - 2) + "\"")).length());
        refused("\"" + "x".repeat(max - 1) + "\"", max, "the text is 1048577 characters long, more than the 1048576 allowed");
        refused("[]" + " ".repeat(max - 1), max, "more than the 1048576 allowed");
    }

    // ---- messages -------------------------------------------------------------------------------

    @Test
    void messagesAreOneShortLineWhateverThePayloadHolds() {
        String hostile = "\u0007\r\n\u2028\u0085\"\\" + "\n".repeat(100_000);
        String message = refused(hostile, 0, "a value expected", "found \"\\u0007\\u000d\\u000a\\u2028\\u0085\\\"\\\\\\u000a");
        assertTrue(message.length() < 250, message);
        assertTrue(message.endsWith("..."), message);
        // a long duplicate name is quoted short too
        String name = "n".repeat(10_000);
        message = refused("{\"" + name + "\":1,\"" + name + "\":2}", 10_006, "a second member named \"" + "n".repeat(16) + "\"...");
        assertTrue(message.length() < 250, message);
    }

    @Test
    void everyMalformedTextIsAJsonExceptionNeverAnotherThrowable() {
        // short random texts over JSON's own alphabet and a few strangers, seeded: every one parses or is refused
        String alphabet = "[]{}\":,-+.0123456789eEtrufalsn \\u\t\nx\u0000\uD834\uDD1E";
        Random random = new Random(8259);
        int refusedCount = 0;
        for (int i = 0; i < 50_000; i++) {
            char[] t = new char[random.nextInt(14)];
            for (int k = 0; k < t.length; k++) {
                t[k] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            try {
                JsonReader.parse(new String(t));
            } catch (JsonException e) {
                refusedCount++;
                assertTrue(e.getMessage().startsWith("not JSON at character "), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
        assertTrue(refusedCount > 40_000, "mostly garbage: " + refusedCount);
    }

    // ---- conformance cases ----------------------------------------------------------------------

    /**
     * A handful of cases written here in the manner of Nicolas Seriot's JSONTestSuite (y_: must be
     * accepted, n_: must be refused, i_: the parser may choose; the verdict for those is this
     * parser's). Duplicate names are the one place this parser refuses what the suite accepts
     * (its y_object_duplicated_key): RFC 8259 §4 only says names SHOULD be unique.
     */
    static Stream<Arguments> conformance() {
        return Stream.of(
                Arguments.of("y_array_empty", "[]", true),
                Arguments.of("y_array_with_several_null", "[1,null,null,null,2]", true),
                Arguments.of("y_number_negative_zero", "[-0]", true),
                Arguments.of("y_number_real_capital_e_pos_exp", "[1E+2]", true),
                Arguments.of("y_object_empty_key", "{\"\":0}", true),
                Arguments.of("y_string_unicode_escaped_double_quote", "[\"\\u0022\"]", true),
                Arguments.of("y_string_escaped_noncharacter", "[\"\\uFFFF\"]", true),
                Arguments.of("y_structure_lonely_string", "\"asd\"", true),
                Arguments.of("y_structure_whitespace_array", " [] ", true),
                Arguments.of("n_array_extra_comma", "[\"\",]", false),
                Arguments.of("n_array_double_comma", "[1,,2]", false),
                Arguments.of("n_array_unclosed", "[\"\"", false),
                Arguments.of("n_number_hex_1_digit", "[0x1]", false),
                Arguments.of("n_number_minus_space_1", "[- 1]", false),
                Arguments.of("n_number_infinity", "[Infinity]", false),
                Arguments.of("n_object_single_quote", "{'a':0}", false),
                Arguments.of("n_object_unquoted_key", "{a: \"b\"}", false),
                Arguments.of("n_object_trailing_comment", "{\"a\":\"b\"}/**/", false),
                Arguments.of("n_string_single_quote", "['single quote']", false),
                Arguments.of("n_string_escape_x", "[\"\\x00\"]", false),
                Arguments.of("n_structure_comma_instead_of_closing_brace", "{\"x\": true,", false),
                Arguments.of("n_structure_array_with_extra_array_close", "[1]]", false),
                Arguments.of("i_number_huge_exp", "[0.4e0066999999999999999999999999999999999999999999999999999999999]", false),
                Arguments.of("i_number_double_huge_neg_exp", "[123.456e-789]", true),
                Arguments.of("i_string_1st_surrogate_but_2nd_missing", "[\"\\uDADA\"]", false),
                Arguments.of("i_object_key_lone_2nd_surrogate", "{\"\\uDFAA\":0}", false),
                Arguments.of("i_structure_500_nested_arrays", "[".repeat(500) + "]".repeat(500), false),
                Arguments.of("i_structure_UTF-8_BOM_empty_object", "\uFEFF{}", false),
                Arguments.of("y_object_duplicated_key (refused here)", "{\"a\":\"b\",\"a\":\"c\"}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformance")
    void conformanceCase(String name, String text, boolean accepted) throws Exception {
        if (accepted) {
            JsonReader.parse(text);
        } else {
            refused(text, -1);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * Asserts that text is refused with a one-line message that names the offset (unless offset is
     * -1) and contains each phrase; returns the message.
     */
    private static String refused(String text, int offset, String... phrases) {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(text), () -> "accepted: " + text);
        String message = e.getMessage();
        if (offset >= 0) {
            assertTrue(message.startsWith("not JSON at character " + offset + ": "), message);
        }
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), () -> "'" + phrase + "' not in: " + message);
        }
        assertFalse(message.chars().anyMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x85), message);
        return message;
    }

    /** A map in the given order that may hold null values (Map.of may not). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
