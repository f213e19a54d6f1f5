package io.nowcast.runtime.station.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The writer's output is checked by an independent parser (Jackson, from the schema validator);
 * JsonRoundTripTest reads it back with our own reader.
 */
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
}
