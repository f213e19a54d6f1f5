package io.nowcast.runtime.station;

import io.nowcast.sensors.json.JsonReader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import static io.nowcast.sensors.json.JsonValues.list;
import static io.nowcast.sensors.json.JsonValues.object;

/**
 * What {@code nowcast demo} prints: each interval's observation and the forecast made from it on one
 * line, as they arrive over MQTT.
 * <pre>
 * time (UTC)         observed                                   │ forecast        valid at          value
 * 2026-11-28 12:00   temperature 7.81 °C  humidity 81.2 %RH ... │ temperature_1h  13:00             8.12 °C
 * </pre>
 */
public final class DemoView {
    private final PrintWriter out;
    private Map<?, ?> pendingObservation; // printed with its forecast, or alone when none comes
    private long forecastsShown;
    private long lastObservationSeq = -1;
    private long lastForecastSeq = -1;

    public DemoView(PrintWriter out) {
        this.out = out;
    }

    /** A message from the station's observation or forecast topic. */
    public synchronized void message(String topic, String payload) {
        Map<?, ?> m;
        try {
            Object parsed = JsonReader.parse(payload);
            if (!(parsed instanceof Map<?, ?> object)) {
                out.println(topic + ": not a JSON object");
                return;
            }
            m = object;
        } catch (JsonReader.JsonException e) {
            out.println(topic + ": " + e.getMessage());
            return;
        }
        long seq = m.get("seq") instanceof Number n ? n.longValue() : -1;
        if (topic.endsWith("/observation")) {
            if (seq <= lastObservationSeq) {
                return; // a QoS 1 repeat
            }
            lastObservationSeq = seq;
            flushObservation();
            pendingObservation = m;
        } else if (topic.endsWith("/forecast")) {
            if (seq <= lastForecastSeq) {
                return;
            }
            lastForecastSeq = seq;
            forecast(m);
        }
        out.flush();
    }

    /** Forecasts printed so far. */
    public synchronized long forecastsShown() {
        return forecastsShown;
    }

    public synchronized void header() {
        out.printf(Locale.ROOT, "%-16s  %-58s │ %s%n", "time (UTC)", "observed", "forecast from it");
        out.flush();
    }

    private void flushObservation() {
        if (pendingObservation != null) {
            out.printf(Locale.ROOT, "%s │ (filling the model's window)%n", observed(pendingObservation));
            pendingObservation = null;
        }
    }

    private void forecast(Map<?, ?> f) {
        String left = pendingObservation != null && String.valueOf(pendingObservation.get("time")).equals(f.get("window_end"))
                ? observed(pendingObservation) : String.format(Locale.ROOT, "%-16s  %-58s", clock(f.get("window_end")), "");
        pendingObservation = null;
        StringBuilder right = new StringBuilder();
        for (Object o : list(f.get("outputs"))) {
            Map<?, ?> out = object(o);
            long horizon = out.get("horizon_s") instanceof Number n ? n.longValue() : 0;
            right.append(String.format(Locale.ROOT, "%s %s %s %s  ", out.get("name"), ForecastTable.horizon(horizon),
                    value(out.get("value")), out.get("unit")));
        }
        if (Boolean.TRUE.equals(f.get("degraded"))) {
            right.append("(degraded)");
        }
        out.printf(Locale.ROOT, "%s │ %s%n", left, right.toString().strip());
        forecastsShown++;
    }

    private static String observed(Map<?, ?> obs) {
        StringBuilder b = new StringBuilder();
        for (Object o : list(obs.get("channels"))) {
            Map<?, ?> c = object(o);
            b.append(String.format(Locale.ROOT, "%s %s%s  ", short3(String.valueOf(c.get("name"))), value(c.get("value")),
                    unit(c.get("unit"))));
        }
        return String.format(Locale.ROOT, "%-16s  %-58s", clock(obs.get("time")), b.toString().strip());
    }

    private static String short3(String name) {
        return switch (name) {
            case "temperature" -> "T";
            case "humidity" -> "RH";
            case "pressure" -> "p";
            case "wind_speed" -> "wind";
            default -> name;
        };
    }

    private static String unit(Object unit) {
        String u = String.valueOf(unit);
        return u.isEmpty() ? "" : " " + u;
    }

    private static String value(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "—";
    }

    /** 2026-11-28T12:00:00Z -> 2026-11-28 12:00. */
    private static String clock(Object iso) {
        String s = String.valueOf(iso);
        return s.length() >= 16 ? s.substring(0, 10) + " " + s.substring(11, 16) : s;
    }
}
