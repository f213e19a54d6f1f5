package io.nowcast.runtime.station;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.skill.LiveSkill;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The JSON payloads of the station's topics, field by field as docs/mqtt.md describes them. */
public final class Payloads {
    private Payloads() {
    }

    /**
     * A float written as long as any float is ({@code -1.00000425E-36}: sign, 9 digits, point,
     * two-digit negative exponent, 15 characters) on every JDK: JDK 19 made {@code Float.toString}
     * print the shortest digits that read back, so the smallest normal float, 15 characters on JDK 17,
     * is 14 on 19 and later; this one needs all 9 digits on both.
     */
    static final float LONGEST_FLOAT = -1.00000425E-36f;
    /** The longest a double is written ({@code -2.2250738585072014E-308}). */
    static final double LONGEST_DOUBLE = -2.2250738585072014E-308;
    /** The longest time a payload carries: nanoseconds, a four-digit year. */
    static final Instant LONGEST_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** A stream epoch as long as any ({@link SeqCounters#epochOf}). */
    static final String LONGEST_EPOCH = "9999-12-31T23:59:59Z";

    /**
     * The largest observation this station can send: every number at its longest, every channel
     * {@code missing} (the longest status word).
     */
    static int largestObservation(String station, long intervalSeconds, List<Channel> channels) {
        int n = channels.size();
        double[] values = new double[n];
        GapFiller.Status[] status = new GapFiller.Status[n];
        int[] counts = new int[n];
        java.util.Arrays.fill(values, LONGEST_DOUBLE);
        java.util.Arrays.fill(status, GapFiller.Status.MISSING);
        java.util.Arrays.fill(counts, Integer.MIN_VALUE);
        return observation(station, Long.MAX_VALUE, LONGEST_EPOCH, LONGEST_TIME, intervalSeconds, channels, values, status,
                counts, counts).length;
    }

    /**
     * The largest forecast this model can make: every number at its longest, every input gap-filled
     * in every row of the window (one reason each), every output from persistence, the model worse
     * than persistence for each (one reason each).
     */
    static int largestForecast(String station, ModelInfo info) {
        Model m = info.model();
        float[] outputs = new float[m.outputCount()];
        java.util.Arrays.fill(outputs, LONGEST_FLOAT);
        boolean[] fromPersistence = new boolean[m.outputCount()];
        java.util.Arrays.fill(fromPersistence, true);
        List<String> reasons = new java.util.ArrayList<>();
        for (InputSpec in : m.inputs()) {
            reasons.add(in.name() + ": " + m.window() + " of " + m.window()
                    + " intervals had no valid reading and use the last good value");
        }
        String worse = LiveSkill.worseReason(Integer.MAX_VALUE, false); // the longer of the two
        for (OutputSpec o : m.outputs()) {
            reasons.add(o.name() + ": " + worse);
        }
        return forecast(station, Long.MAX_VALUE, LONGEST_EPOCH, LONGEST_TIME, LONGEST_TIME, info, outputs, outputs,
                fromPersistence, reasons, Long.MIN_VALUE, false).length;
    }

    /**
     * An {@code observation}: one interval's resampled readings.
     *
     * @param values  [channel] the value used (mean, or the last good value when filled), NaN if none
     * @param status  [channel] ok, filled or missing
     * @param good    [channel] readings averaged into the value
     * @param bad     [channel] readings marked missing or rejected by their sensor
     */
    static byte[] observation(String station, long seq, String epoch, Instant start, long intervalSeconds,
            List<Channel> channels, double[] values, GapFiller.Status[] status, int[] good, int[] bad) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("station").value(station)
                .name("seq").value(seq)
                .name("epoch").value(epoch)
                .name("time").value(start.toString())
                .name("interval_s").value(intervalSeconds)
                .name("channels").beginArray();
        for (int c = 0; c < channels.size(); c++) {
            w.beginObject()
                    .name("name").value(channels.get(c).name())
                    .name("unit").value(channels.get(c).unit())
                    .name("value").value(values[c])
                    .name("status").value(status[c].word())
                    .name("readings").value(good[c])
                    .name("rejected").value(bad[c])
                    .endObject();
        }
        return w.endArray().endObject().toBytes();
    }

    /**
     * A {@code forecast}.
     *
     * @param windowEnd       time of the window's newest row; output k is valid at windowEnd + horizon_k
     * @param outputs         [O] the model's outputs, in the model's order
     * @param published       [O] the values published: the model's, or persistence's where fromPersistence
     * @param fromPersistence [O] published[k] is persistence's forecast (source), outputs[k] then model_value
     */
    static byte[] forecast(String station, long seq, String epoch, Instant issued, Instant windowEnd, ModelInfo info,
            float[] outputs, float[] published, boolean[] fromPersistence, List<String> degradedReasons,
            long inferenceMicros, boolean saturated) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("station").value(station)
                .name("seq").value(seq)
                .name("epoch").value(epoch)
                .name("issued").value(issued.toString())
                .name("window_end").value(windowEnd.toString())
                .name("model_sha256").value(info.sha256())
                .name("engine").value(info.engine())
                .name("outputs").beginArray();
        Model m = info.model();
        for (int k = 0; k < m.outputCount(); k++) {
            OutputSpec o = m.outputs().get(k);
            w.beginObject()
                    .name("name").value(o.name())
                    .name("unit").value(o.unit())
                    .name("horizon_s").value(o.horizonSeconds())
                    .name("valid").value(windowEnd.plusSeconds(o.horizonSeconds()).toString())
                    .name("value").value(published[k])
                    .name("source").value(fromPersistence[k] ? "persistence" : "model");
            if (fromPersistence[k]) {
                w.name("model_value").value(outputs[k]);
            }
            w.endObject();
        }
        w.endArray().name("degraded").value(!degradedReasons.isEmpty()).name("reasons").beginArray();
        for (String r : degradedReasons) {
            w.value(r);
        }
        return w.endArray()
                .name("saturated").value(saturated)
                .name("inference_us").value(inferenceMicros)
                .endObject().toBytes();
    }

    /** The retained {@code model} description. */
    static byte[] model(String station, ModelInfo info) {
        Model m = info.model();
        JsonWriter w = new JsonWriter().beginObject()
                .name("station").value(station)
                .name("name").value(info.name())
                .name("sha256").value(info.sha256())
                .name("engine").value(info.engine())
                .name("weights").value(m.weightType().name().toLowerCase(Locale.ROOT))
                .name("cell_activation").value(m.cellActivation() == CellActivation.ISRU ? "isru" : "tanh")
                .name("gate_activation").value(m.gateActivation() == GateActivation.ISRU_SIGMOID ? "isru-sigmoid" : "sigmoid")
                .name("window").value(m.window())
                .name("interval_s").value(m.intervalSeconds())
                .name("hidden").beginArray();
        m.layers().forEach(l -> w.value(l.hiddenSize()));
        w.endArray().name("inputs").beginArray();
        for (InputSpec in : m.inputs()) {
            w.beginObject().name("name").value(in.name()).name("unit").value(in.unit()).endObject();
        }
        w.endArray().name("outputs").beginArray();
        TreeSet<Long> horizons = new TreeSet<>();
        for (OutputSpec o : m.outputs()) {
            w.beginObject().name("name").value(o.name()).name("unit").value(o.unit())
                    .name("horizon_s").value(o.horizonSeconds()).endObject();
            horizons.add(o.horizonSeconds());
        }
        w.endArray().name("horizons_s").beginArray();
        horizons.forEach(w::value);
        return w.endArray().name("description").value(m.description()).endObject().toBytes();
    }
}
