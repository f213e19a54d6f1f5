package io.nowcast.runtime.station.skill;

import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The retained {@code nowcast/<id>/skill} payload of one model's record (docs/mqtt.md), written
 * after every scored interval. What does not change while the model runs (names, units, channels)
 * is made once, by {@link JsonWriter}, so that every string is escaped by the one JSON writer; each
 * time, only the figures are written into a buffer sized once ({@link DecimalText}), and the payload
 * is the one array handed out.
 * <pre>
 * {"station":…,"model_sha256":…,"model":…,"newest_hour":…,"min_scored":…,"fallback":…,"outputs":[
 *   {"name":…,"unit":…,"horizon_s":…,"channel":…,"worse_than_persistence":…,"published":…,
 *    "24h":{"count":…,"rmse":…,"mae":…,"bias":…,"persistence_rmse":…,"persistence_mae":…,"persistence_bias":…,"skill":…},
 *    "7d":{…},"30d":{…}}, …]}
 * </pre>
 */
final class SkillPayload {
    private static final byte[] NEWEST = bytes(",\"newest_hour\":");
    private static final byte[] WORSE = bytes(",\"worse_than_persistence\":");
    private static final byte[] PUBLISHED_MODEL = bytes(",\"published\":\"model\"");
    private static final byte[] PUBLISHED_PERSISTENCE = bytes(",\"published\":\"persistence\"");
    private static final byte[][] FIELDS = {bytes("{\"count\":"), bytes(",\"rmse\":"), bytes(",\"mae\":"), bytes(",\"bias\":"),
        bytes(",\"persistence_rmse\":"), bytes(",\"persistence_mae\":"), bytes(",\"persistence_bias\":"), bytes(",\"skill\":")};
    private static final byte[][] WINDOW_NAMES = new byte[SkillWindow.values().length][];
    /** The longest time written: "2026-03-02T01:00:00Z" and its quotes, or null. */
    private static final int TIME_LENGTH = 64;

    static {
        for (SkillWindow w : SkillWindow.values()) {
            WINDOW_NAMES[w.ordinal()] = bytes(",\"" + w.word + "\":");
        }
    }

    private final byte[] head; // {"station":…,"model_sha256":…,"model":…
    private final byte[] settings; // ,"min_scored":…,"fallback":…,"outputs":[
    private final byte[][] outputHeads; // [O] {"name":…,"unit":…,"horizon_s":…,"channel":…
    private final byte[] buffer;
    private final double[] sums = new double[SkillTable.SUMS + 1];
    private long timeHour = Long.MIN_VALUE;
    private byte[] time = bytes("null"); // newest_hour, quoted, of timeHour

    SkillPayload(String station, SkillRecord record, String modelName, SkillSettings settings, Channel[] targets) {
        this.head = bytes(open(new JsonWriter().beginObject().name("station").value(station)
                .name("model_sha256").value(record.sha256()).name("model").value(modelName)));
        String fallback = settings.fallbackToPersistence() ? "persistence" : "none";
        this.settings = bytes(",\"min_scored\":" + settings.minScored() + ",\"fallback\":\"" + fallback + "\",\"outputs\":[");
        List<OutputSpec> outputs = record.outputs();
        this.outputHeads = new byte[outputs.size()][];
        int size = head.length + this.settings.length + NEWEST.length + TIME_LENGTH + 2;
        for (int k = 0; k < outputs.size(); k++) {
            OutputSpec o = outputs.get(k);
            outputHeads[k] = bytes(open(new JsonWriter().beginObject().name("name").value(o.name()).name("unit").value(o.unit())
                    .name("horizon_s").value(o.horizonSeconds())
                    .name("channel").value(targets[k] == null ? null : targets[k].name())));
            size += 1 + outputHeads[k].length + WORSE.length + 5 + PUBLISHED_PERSISTENCE.length + 1;
            for (SkillWindow w : SkillWindow.values()) {
                size += WINDOW_NAMES[w.ordinal()].length + 1;
                for (byte[] f : FIELDS) {
                    size += f.length + DecimalText.MAX_LENGTH;
                }
            }
        }
        this.buffer = new byte[size];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An object written so far, without its closing brace. */
    private static String open(JsonWriter w) {
        String s = w.endObject().toString();
        return s.substring(0, s.length() - 1);
    }

    /**
     * The payload for the record's figures now.
     *
     * @param worse        [O] the model is worse than persistence for output k
     * @param persistence  [O] persistence's forecast is published for output k
     */
    byte[] write(SkillRecord record, boolean[] worse, boolean[] persistence) {
        int at = put(head, 0);
        at = put(NEWEST, at);
        at = put(time(record), at);
        at = put(settings, at);
        for (int k = 0; k < outputHeads.length; k++) {
            if (k > 0) {
                buffer[at++] = ',';
            }
            at = put(outputHeads[k], at);
            at = put(WORSE, at);
            at = put(worse[k] ? TRUE : FALSE, at);
            at = put(persistence[k] ? PUBLISHED_PERSISTENCE : PUBLISHED_MODEL, at);
            for (SkillWindow w : SkillWindow.values()) {
                at = put(WINDOW_NAMES[w.ordinal()], at);
                record.totals(k, w, sums);
                double n = sums[0];
                at = put(FIELDS[0], at);
                at = DecimalText.writeInt((long) n, buffer, at);
                at = number(1, Math.sqrt(sums[3] / n), at);
                at = number(2, sums[2] / n, at);
                at = number(3, sums[1] / n, at);
                at = number(4, Math.sqrt(sums[6] / n), at);
                at = number(5, sums[5] / n, at);
                at = number(6, sums[4] / n, at);
                at = number(7, n == 0 || sums[6] == 0 ? Double.NaN : 1 - Math.sqrt(sums[3] / sums[6]), at);
                buffer[at++] = '}';
            }
            buffer[at++] = '}';
        }
        buffer[at++] = ']';
        buffer[at++] = '}';
        return Arrays.copyOf(buffer, at);
    }

    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");

    private int number(int field, double value, int at) {
        return DecimalText.write(value, buffer, put(FIELDS[field], at));
    }

    private int put(byte[] b, int at) {
        System.arraycopy(b, 0, buffer, at, b.length);
        return at + b.length;
    }

    /** newest_hour, quoted (made again only when the hour moves on). */
    private byte[] time(SkillRecord record) {
        Instant newest = null;
        long hour = record.newestHour();
        if (hour != timeHour) {
            newest = record.newest();
            time = bytes(newest == null ? "null" : "\"" + newest + "\"");
            timeHour = hour;
        }
        return time;
    }
}
