package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live skill computed again in the test, from the observation and forecast messages received from
 * the broker, by the rule docs/mqtt.md states, with none of the station's code: a forecast's output
 * is scored when the observation of its valid time has its channel {@code ok}; the model's value
 * (the published {@code value}, or {@code model_value} when persistence's was published) and
 * persistence's (the channel's value in the observation at {@code window_end}) minus the observed
 * value are its two errors; a period of H hours is the newest UTC hour with a score and the H − 1
 * before it. Numbers are read exactly: a forecast's float from its shortest decimal, an
 * observation's double likewise.
 */
final class WireSkill {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One scored output of one forecast. */
    record Pair(String output, long windowEnd, long valid, double error, double persistenceError) {
    }

    /** n, RMSE, MAE, bias, and persistence's RMSE, MAE, bias. */
    record Expected(long n, double rmse, double mae, double bias, double pRmse, double pMae, double pBias) {
    }

    private final Map<Long, JsonNode> observations = new TreeMap<>(); // by time, repeats dropped
    private final Map<Long, JsonNode> forecasts = new TreeMap<>(); // by window_end
    private final Map<String, String> channelOf; // output name -> channel name

    WireSkill(Map<String, String> channelOf) {
        this.channelOf = channelOf;
    }

    static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new AssertionError(payload, e);
        }
    }

    static long seconds(JsonNode isoTime) {
        return Instant.parse(isoTime.asText()).getEpochSecond();
    }

    /** Takes every observation and forecast the subscriber received so far. */
    WireSkill from(Subscriber sub) {
        for (Subscriber.Received r : sub.on("/observation")) {
            JsonNode o = read(r.payload());
            observations.put(seconds(o.get("time")), o);
        }
        for (Subscriber.Received r : sub.on("/forecast")) {
            JsonNode f = read(r.payload());
            forecasts.put(seconds(f.get("window_end")), f);
        }
        return this;
    }

    /** Keeps the forecasts of one model only (its {@code model_sha256}): the pairs of that model's skill record. */
    WireSkill ofModel(String sha256) {
        forecasts.values().removeIf(f -> !f.get("model_sha256").asText().equals(sha256));
        return this;
    }

    List<JsonNode> forecasts() {
        return new ArrayList<>(forecasts.values());
    }

    private static JsonNode channel(JsonNode observation, String name) {
        for (JsonNode c : observation.get("channels")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name + " in " + observation);
    }

    /** The model's value of an output entry, exactly as the station's float. */
    static double modelValue(JsonNode output) {
        JsonNode v = "persistence".equals(output.get("source").asText()) ? output.get("model_value") : output.get("value");
        return v.isNull() ? Double.NaN : Float.parseFloat(v.decimalValue().toString());
    }

    /**
     * The scored pairs of forecasts valid at or before {@code until} (epoch seconds); forecasts made
     * at or before {@code restartAfter} and valid after it are not scored (their station stopped).
     */
    List<Pair> pairs(long until, long restartAfter) {
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode f : forecasts.values()) {
            long windowEnd = seconds(f.get("window_end"));
            for (JsonNode out : f.get("outputs")) {
                String channel = channelOf.get(out.get("name").asText());
                long valid = seconds(out.get("valid"));
                JsonNode atValid = observations.get(valid);
                JsonNode atEnd = observations.get(windowEnd);
                if (channel == null || valid > until || atValid == null || atEnd == null
                        || (windowEnd <= restartAfter && valid > restartAfter)) {
                    continue;
                }
                JsonNode observed = channel(atValid, channel);
                JsonNode persistence = channel(atEnd, channel).get("value");
                double model = modelValue(out);
                if (!"ok".equals(observed.get("status").asText()) || persistence.isNull() || Double.isNaN(model)) {
                    continue;
                }
                double y = Double.parseDouble(observed.get("value").decimalValue().toString());
                double p = Double.parseDouble(persistence.decimalValue().toString());
                pairs.add(new Pair(out.get("name").asText(), windowEnd, valid, model - y, p - y));
            }
        }
        return pairs;
    }

    /**
     * Fails unless two skill messages' outputs agree: every field equal, every figure within one unit
     * of its 7th significant digit (the same scores summed in another order, as after a restart).
     */
    static void assertSameFigures(JsonNode expected, JsonNode actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            JsonNode e = expected.get(k);
            JsonNode a = actual.get(k);
            e.fieldNames().forEachRemaining(field -> {
                if (!e.get(field).isObject()) {
                    org.junit.jupiter.api.Assertions.assertEquals(e.get(field), a.get(field), field);
                    return;
                }
                e.get(field).fieldNames().forEachRemaining(figure -> {
                    JsonNode x = e.get(field).get(figure);
                    JsonNode y = a.get(field).get(figure);
                    if (x.isNull() || figure.equals("count")) {
                        org.junit.jupiter.api.Assertions.assertEquals(x, y, field + " " + figure);
                    } else {
                        double f = x.asDouble();
                        org.junit.jupiter.api.Assertions.assertEquals(f, y.asDouble(), 1.0001e-6 * Math.abs(f),
                                field + " " + figure);
                    }
                });
            });
        }
    }

    /** The figures have 7 significant digits: the expected value within half a unit of the 7th digit. */
    private static void assertClose(double expected, JsonNode actual, String what) {
        assertTrue(actual.isNumber(), what + ": " + actual);
        assertEquals(expected, actual.asDouble(), 5.0001e-7 * Math.abs(expected), what);
    }

    /**
     * Fails unless every figure of every output and period of a skill message is the one computed
     * from {@code pairs}, and each output's channel is this wire's.
     */
    void assertMatches(JsonNode skill, List<Pair> pairs) {
        long newest = pairs.stream().mapToLong(p -> Math.floorDiv(p.valid(), 3600)).max().orElseThrow();
        assertEquals(Instant.ofEpochSecond(newest * 3600).toString(), skill.get("newest_hour").asText());
        for (JsonNode out : skill.get("outputs")) {
            String name = out.get("name").asText();
            assertEquals(channelOf.get(name), out.get("channel").asText());
            for (String[] period : new String[][] {{"24h", "24"}, {"7d", "168"}, {"30d", "720"}}) {
                int hours = Integer.parseInt(period[1]);
                Expected e = figures(pairs, name, hours);
                JsonNode f = out.get(period[0]);
                String what = name + " " + period[0];
                assertEquals(e.n(), f.get("count").asLong(), what + " count");
                assertClose(e.rmse(), f.get("rmse"), what + " rmse");
                assertClose(e.mae(), f.get("mae"), what + " mae");
                assertClose(e.bias(), f.get("bias"), what + " bias");
                assertClose(e.pRmse(), f.get("persistence_rmse"), what + " persistence rmse");
                assertClose(e.pMae(), f.get("persistence_mae"), what + " persistence mae");
                assertClose(e.pBias(), f.get("persistence_bias"), what + " persistence bias");
                assertClose(1 - e.rmse() / e.pRmse(), f.get("skill"), what + " skill");
            }
        }
    }

    /** The figures of {@code output} over {@code hours} hours ending with the newest hour of any pair. */
    static Expected figures(List<Pair> pairs, String output, int hours) {
        long newest = pairs.stream().mapToLong(p -> Math.floorDiv(p.valid(), 3600)).max().orElseThrow();
        long n = 0;
        double se = 0;
        double ae = 0;
        double e = 0;
        double sp = 0;
        double ap = 0;
        double p = 0;
        for (Pair x : pairs) {
            long h = Math.floorDiv(x.valid(), 3600);
            if (x.output().equals(output) && h > newest - hours) {
                n++;
                se += x.error() * x.error();
                ae += Math.abs(x.error());
                e += x.error();
                sp += x.persistenceError() * x.persistenceError();
                ap += Math.abs(x.persistenceError());
                p += x.persistenceError();
            }
        }
        return new Expected(n, Math.sqrt(se / n), ae / n, e / n, Math.sqrt(sp / n), ap / n, p / n);
    }
}
