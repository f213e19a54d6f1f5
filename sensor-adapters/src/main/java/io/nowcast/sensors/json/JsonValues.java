package io.nowcast.sensors.json;

import java.util.List;
import java.util.Map;

/**
 * Typed access to the values {@link JsonReader} returns, for payloads from the network whose
 * shape is not guaranteed: a field of the wrong type reads as absent instead of throwing, so a
 * payload that is valid JSON but not what a station sends is shown with gaps, never crashes the
 * subscriber.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** {@code value} if it is a JSON array, else an empty list. */
    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** {@code value} if it is a JSON object, else an empty map. */
    public static Map<?, ?> object(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** {@code value} if it is a JSON number, else NaN. */
    public static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
