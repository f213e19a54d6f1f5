package io.nowcast.runtime.station.skill;

import static io.nowcast.sensors.json.JsonValues.list;
import static io.nowcast.sensors.json.JsonValues.number;
import static io.nowcast.sensors.json.JsonValues.object;

import java.util.Locale;
import java.util.Map;

/**
 * A {@code nowcast/<id>/skill} payload (as {@link io.nowcast.sensors.json.JsonReader} parses it) as a
 * table for people ({@code nowcast listen --skill}): a heading, then per output one row per period.
 * <pre>
 * garden  model test.ncm (9f2c1a0b3e4d)  fallback none  newest hour 2026-03-01T05:00:00Z
 *   output               horizon  period  count      rmse  persistence     skill       mae      bias  published
 *   temperature_1h         3600s     24h     30    0.4120       0.5300     0.223    0.3300   -0.0100  model
 * </pre>
 * A field missing or of the wrong type shows as a gap ({@code —}).
 */
public final class SkillView {
    private SkillView() {
    }

    /** True when the payload looks like a skill message (an object with a station and outputs). */
    public static boolean isSkill(Object payload) {
        return payload instanceof Map<?, ?> m && m.get("station") instanceof String && m.get("outputs") instanceof java.util.List<?>;
    }

    public static String format(Map<?, ?> s) {
        StringBuilder b = new StringBuilder();
        String sha = String.valueOf(s.get("model_sha256"));
        b.append(String.format(Locale.ROOT, "%s  model %s (%s)  fallback %s  newest hour %s%n", s.get("station"),
                s.get("model"), sha.length() > 12 ? sha.substring(0, 12) : sha, s.get("fallback"), s.get("newest_hour")));
        b.append(String.format(Locale.ROOT, "  %-20s %8s  %6s %6s %9s %12s %9s %9s %9s  %s%n", "output", "horizon", "period",
                "count", "rmse", "persistence", "skill", "mae", "bias", "published"));
        for (Object o : list(s.get("outputs"))) {
            Map<?, ?> out = object(o);
            for (SkillWindow w : SkillWindow.values()) {
                Map<?, ?> f = object(out.get(w.word));
                b.append(String.format(Locale.ROOT, "  %-20s %7.0fs  %6s %6s %9s %12s %9s %9s %9s  %s%n", out.get("name"),
                        number(out.get("horizon_s")), w.word, figure(f.get("count"), "%.0f"), figure(f.get("rmse"), "%.4f"),
                        figure(f.get("persistence_rmse"), "%.4f"), figure(f.get("skill"), "%.3f"),
                        figure(f.get("mae"), "%.4f"), figure(f.get("bias"), "%.4f"),
                        Boolean.TRUE.equals(out.get("worse_than_persistence")) ? out.get("published") + " (model worse)"
                                : out.get("published")));
            }
        }
        return b.toString();
    }

    private static String figure(Object v, String format) {
        double d = number(v);
        return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, format, d);
    }
}
