package io.nowcast.runtime.station;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.nowcast.sensors.json.JsonValues.list;
import static io.nowcast.sensors.json.JsonValues.number;
import static io.nowcast.sensors.json.JsonValues.object;

/**
 * Forecast payloads (as {@link io.nowcast.sensors.json.JsonReader} parses them) as a table
 * for people: one heading line per forecast, one row per output.
 * <pre>
 * garden #12  issued 2026-11-28 12:05:00Z  from 12:00:00Z  float 153 µs
 *   output                  horizon  valid at               value
 *   temperature_3h             +3h   2026-11-28 15:00:00Z   12.41 °C
 * </pre>
 */
public final class ForecastTable {
    private ForecastTable() {
    }

    /** The lines for one forecast. */
    public static String format(Map<?, ?> f) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s #%.0f  issued %s  from %s  %s %.0f µs%n", f.get("station"),
                number(f.get("seq")), time(f.get("issued")), time(f.get("window_end")), f.get("engine"),
                number(f.get("inference_us"))));
        if (Boolean.TRUE.equals(f.get("degraded"))) {
            for (Object reason : list(f.get("reasons"))) {
                b.append("  DEGRADED: ").append(reason).append(System.lineSeparator());
            }
        }
        b.append(String.format(Locale.ROOT, "  %-24s %8s  %-20s  %s%n", "output", "horizon", "valid at", "value"));
        for (Object o : list(f.get("outputs"))) {
            Map<?, ?> out = object(o);
            double value = number(out.get("value"));
            b.append(String.format(Locale.ROOT, "  %-24s %8s  %-20s  %s %s%n", out.get("name"),
                    horizon((long) number(out.get("horizon_s"))), time(out.get("valid")),
                    Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value), out.get("unit")));
        }
        return b.toString();
    }

    /** 2026-11-28T15:00:00Z -> 2026-11-28 15:00:00Z. */
    static String time(Object iso) {
        try {
            String t = Instant.parse(String.valueOf(iso)).toString();
            return t.replace('T', ' ');
        } catch (java.time.format.DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }

    /** 10800 -> +3h, 5400 -> +1h30min, 90 -> +90s. */
    static String horizon(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (seconds % 60 != 0) {
            return "+" + seconds + "s";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        return "+" + (h > 0 ? h + "h" : "") + (m > 0 || h == 0 ? m + "min" : "");
    }
}
