package io.nowcast.runtime.station.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.runtime.station.DemoView;
import io.nowcast.sensors.json.JsonReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime's side of the project's one JSON reader ({@link JsonReader}, in sensor-adapters, whose
 * own test checks it against RFC 8259): what {@link JsonWriter} writes reads back as written, and the
 * demo view shows a hostile payload as one line and carries on.
 */
class JsonRoundTripTest {

    @Test
    void theDemoViewPrintsAHostilePayloadAsOneLineAndCarriesOn() {
        StringWriter sw = new StringWriter();
        DemoView view = new DemoView(new PrintWriter(sw));
        view.message("nowcast/garden/forecast", "[".repeat(100_000));
        view.message("nowcast/garden/forecast", "{\"seq\":1,\"seq\":2}");
        assertEquals("nowcast/garden/forecast: not JSON at character 64: arrays and objects nested more than 64 deep"
                + " (RFC 8259 §9 limit), found \"[[[[[[[[[[[[[[[[\"..." + System.lineSeparator()
                + "nowcast/garden/forecast: not JSON at character 9: a second member named \"seq\""
                + " (RFC 8259 §4: names should be unique), found \"\\\"seq\\\":2}\"" + System.lineSeparator(),
                sw.toString());
    }

    @Test
    void readsBackWhatTheWriterWrote() throws Exception {
        String text = new JsonWriter().beginObject().name("k").value("v\"\\\u0001").name("x").value(1.5)
                .name("l").beginArray().value(false).endArray().endObject().toString();
        Object v = JsonReader.parse(" " + text + "\n");
        assertEquals(Map.of("k", "v\"\\\u0001", "x", 1.5, "l", List.of(false)), v);
    }

    @Test
    void readsBackEverythingTheWriterCanWrite() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c); // all of ASCII: controls escaped by the writer, '"' and '\' too
        }
        every.append("°C \u2028 \uD834\uDD1E \uFFFF");
        JsonWriter w = new JsonWriter().beginObject()
                .name(every.toString()).value(every.toString())
                .name("longs").beginArray().value(0L).value(-42L).value(1L << 53).endArray()
                // Double.toString writes 1.0E-7, 1.0E21, 4.9E-324: exponents in the grammar of §6
                .name("doubles").beginArray().value(0.1).value(-0.0).value(1e-7).value(1e21)
                .value(Double.MAX_VALUE).value(Double.MIN_VALUE).value(Double.NaN).value(Double.NEGATIVE_INFINITY).endArray()
                .name("floats").beginArray().value(21.5f).value(0.1f).value(Float.NaN).endArray()
                .name("flags").beginArray().value(true).value(false).value((String) null).endArray()
                .name("empty").beginObject().endObject()
                .name("deep");
        int arrays = 31; // inside the object: 32 levels, the writer's own limit
        for (int i = 0; i < arrays; i++) {
            w.beginArray();
        }
        for (int i = 0; i < arrays; i++) {
            w.endArray();
        }
        String text = w.endObject().toString();
        Object deep = List.of();
        for (int i = 1; i < arrays; i++) {
            deep = List.of(deep);
        }
        assertEquals(map(every.toString(), every.toString(),
                "longs", List.of(0.0, -42.0, 9007199254740992.0), // 2^53: still exact as a double
                "doubles", Arrays.asList(0.1, -0.0, 1e-7, 1e21, Double.MAX_VALUE, Double.MIN_VALUE, null, null),
                "floats", Arrays.asList(21.5, 0.1, null), // 0.1f is written "0.1", which reads as the double 0.1
                "flags", Arrays.asList(true, false, null),
                "empty", Map.of(),
                "deep", deep), JsonReader.parse(text));
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
