package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.sensors.json.JsonReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads that are valid JSON but not shaped like a station's: the subscriber's views show them
 * with gaps (—) and carry on. Before, a wrong type in a field threw from inside the MQTT callback.
 */
class PayloadShapeTest {
    @Test
    void aForecastWithFieldsOfTheWrongTypeIsShownWithGaps() throws Exception {
        Map<?, ?> f = (Map<?, ?>) JsonReader.parse("{\"station\":\"garden\",\"seq\":\"x\",\"degraded\":true,"
                + "\"reasons\":\"not a list\",\"outputs\":[1,{\"name\":\"t\",\"value\":\"warm\",\"horizon_s\":3600}]}");
        String table = ForecastTable.format(f);
        assertTrue(table.startsWith("garden #NaN"), table);
        // heading, column names, then the output that is not an object and the one with a bad value
        assertEquals(4, table.lines().count(), table);
        assertTrue(table.contains(String.format("  %-24s %8s  %-20s  %s%n", "null", "+0min", "null", "— null")), table);
        assertTrue(table.contains(String.format("  %-24s %8s  %-20s  %s%n", "t", "+1h", "null", "— null")), table);
    }

    @Test
    void theDemoViewShowsAForecastWithoutOutputsAndANonObjectAndCarriesOn() {
        StringWriter sw = new StringWriter();
        DemoView view = new DemoView(new PrintWriter(sw));
        view.message("nowcast/garden/forecast", "[1,2]");
        view.message("nowcast/garden/observation", "{\"seq\":1,\"time\":\"2026-01-01T00:00:00Z\",\"channels\":7}");
        view.message("nowcast/garden/forecast", "{\"seq\":1,\"window_end\":\"2026-01-01T00:00:00Z\"}");
        assertEquals("nowcast/garden/forecast: not a JSON object" + System.lineSeparator()
                + String.format("%-16s  %-58s │ %s%n", "2026-01-01 00:00", "", ""), sw.toString());
        assertEquals(1, view.forecastsShown());
    }
}
