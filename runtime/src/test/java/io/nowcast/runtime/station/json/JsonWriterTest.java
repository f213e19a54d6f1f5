package io.nowcast.runtime.station.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's output is checked by an independent parser (Jackson, from the schema validator). */
class JsonWriterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void writesWhatAnIndependentParserReadsBack() throws Exception {
        String text = new JsonWriter().beginObject()
                .name("s").value("quote \" backslash \\ newline \n tab \t bell \u0007 ü")
                .name("n").value(-42L)
                .name("d").value(0.1)
                .name("f").value(21.5f)
                .name("nan").value(Double.NaN)
                .name("b").value(true)
                .name("a").beginArray().value(1L).beginObject().endObject().value((String) null).endArray()
                .endObject().toString();
        JsonNode n = JACKSON.readTree(text);
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007 ü", n.get("s").asText());
        assertEquals(-42, n.get("n").asLong());
        assertEquals(0.1, n.get("d").asDouble());
        assertEquals(21.5, n.get("f").asDouble());
        assertTrue(n.get("nan").isNull(), "NaN has no JSON form: null");
        assertTrue(n.get("b").asBoolean());
        assertEquals(3, n.get("a").size());
        assertTrue(n.get("a").get(1).isObject());
        assertTrue(n.get("a").get(2).isNull());
    }

    @Test
    void refusesAnUnfinishedDocument() {
        JsonWriter w = new JsonWriter().beginObject().name("x").beginArray();
        assertThrows(IllegalStateException.class, w::toBytes);
    }

    @Test
    void readerParsesWhatTheWriterWrote() throws Exception {
        String text = new JsonWriter().beginObject().name("k").value("v\"\\\u0001").name("x").value(1.5)
                .name("l").beginArray().value(false).endArray().endObject().toString();
        Object v = JsonReader.parse(" " + text + "\n");
        assertEquals(Map.of("k", "v\"\\\u0001", "x", 1.5, "l", List.of(false)), v);
    }

    @Test
    void readerNamesWhereTheTextStopsBeingJson() {
        JsonReader.JsonException e = assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse("{\"a\": 1,}"));
        assertEquals("not JSON at character 8: a member name expected", e.getMessage());
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse("[1] x"));
        assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse("\"open"));
    }
}
