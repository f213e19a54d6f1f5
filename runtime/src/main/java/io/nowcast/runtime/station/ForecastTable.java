package io.nowcast.runtime.station;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Forecast payloads (as {@link io.nowcast.runtime.station.json.JsonReader} parses them) as a table
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
    public static String format(Map<String, Object> f) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s #%d  issued %s  from %s  %s %d µs%n", f.get("station"),
                number(f.get("seq")).longValue(), time(f.get("issued")), time(f.get("window_end")), f.get("engine"),
                number(f.get("inference_us")).longValue()));
        if (Boolean.TRUE.equals(f.get("degraded"))) {
            for (Object reason : (List<?>) f.get("reasons")) {
                b.append("  DEGRADED: ").append(reason).append(System.lineSeparator());
            }
        }
        b.append(String.format(Locale.ROOT, "  %-24s %8s  %-20s  %s%n", "output", "horizon", "valid at", "value"));
        for (Object o : (List<?>) f.get("outputs")) {
            Map<?, ?> out = (Map<?, ?>) o;
            Number value = (Number) out.get("value");
            b.append(String.format(Locale.ROOT, "  %-24s %8s  %-20s  %s %s%n", out.get("name"),
                    horizon(number(out.get("horizon_s")).longValue()), time(out.get("valid")),
                    value == null ? "—" : String.format(Locale.ROOT, "%.2f", value.doubleValue()), out.get("unit")));
        }
        return b.toString();
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : Double.NaN;
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
