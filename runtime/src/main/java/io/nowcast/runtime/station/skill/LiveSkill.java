package io.nowcast.runtime.station.skill;

import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tinylog.Logger;

/**
 * The station's live skill: every forecast scored against the observation of its interval, with
 * persistence's forecast (the target channel's value at {@code window_end}) scored on the same
 * forecasts ({@link Scorer}), kept per model ({@link SkillStore}), and the verdict the safe
 * fallback acts on: a model whose 7-day RMSE for an output is worse than persistence's, over at least
 * {@code skill.min_scored} forecasts, is <em>worse</em> for that output; every forecast then says so,
 * and with {@code model.fallback = persistence} persistence's forecast is published for that output
 * instead, until the model's 7-day RMSE is no longer worse or the model is replaced.
 *
 * <p><b>A model swap</b> ({@link #replaceModel}) is made between two intervals, on the station's
 * thread: the new model gets a record of its own (restored when it ran before), its verdicts start
 * afresh, and the forecasts the old model made before the swap are still scored into the old
 * model's record as they come due, which then stays as it was.
 *
 * <p>Used on the station's thread only. {@link #observed} and {@link #forecastMade} allocate
 * nothing (unless a verdict changes, which is logged).
 */
public final class LiveSkill implements AutoCloseable {
    private final SkillStore store;
    private final SkillSettings settings;
    private final String station;
    private final List<Channel> channels;
    private Scorer current;
    private Scorer previous; // the model before a swap, while its forecasts still come due
    private String[] reasons; // [O] the reason a forecast gives when the model is worse for output k
    private SkillPayload payload;
    private boolean[] worse; // [O] for the payload
    private boolean[] fromPersistence; // [O] for the payload
    private final double[] week = new double[3]; // RMSE, persistence's RMSE, count

    private LiveSkill(SkillStore store, SkillSettings settings, String station, List<Channel> channels) {
        this.store = store;
        this.settings = settings;
        this.station = station;
        this.channels = List.copyOf(channels);
    }

    /**
     * The live skill of the model {@code info} of station {@code station}, its record restored from
     * {@code dataDir/skill}.
     */
    public static LiveSkill open(Path dataDir, String station, ModelInfo info, List<Channel> channels,
            SkillSettings settings) {
        LiveSkill skill = new LiveSkill(new SkillStore(dataDir), settings, station, channels);
        skill.start(info);
        for (int k = 0; k < skill.current.outputs(); k++) {
            if (skill.current.worse(k)) {
                skill.logVerdict(k);
            }
        }
        return skill;
    }

    /** Makes {@code info} the running model: its record, verdicts, reasons and payload. */
    private void start(ModelInfo info) {
        current = new Scorer(store.open(info), info.model(), channels);
        int outputs = current.outputs();
        reasons = new String[outputs];
        worse = new boolean[outputs];
        fromPersistence = new boolean[outputs];
        Channel[] targets = new Channel[outputs];
        for (int k = 0; k < outputs; k++) {
            current.judge(k, settings.minScored());
            reasons[k] = current.record().outputs().get(k).name() + ": "
                    + worseReason(settings.minScored(), settings.fallbackToPersistence());
            targets[k] = target(k);
        }
        payload = new SkillPayload(station, current.record(), info.name(), settings, targets);
    }

    /** The retained {@code nowcast/<id>/skill} payload of the running model now (docs/mqtt.md). */
    public byte[] payload() {
        for (int k = 0; k < worse.length; k++) {
            worse[k] = current.worse(k);
            fromPersistence[k] = publishesPersistence(k);
        }
        return payload.write(current.record(), worse, fromPersistence);
    }

    public SkillSettings settings() {
        return settings;
    }

    /** The running model's record. */
    public SkillRecord record() {
        return current.record();
    }

    /** The station channel output {@code k} is scored against, or null when it is not scored. */
    public Channel target(int k) {
        int c = current.target(k);
        return c < 0 ? null : channels.get(c);
    }

    /**
     * Interval {@code t} (its label, epoch seconds) is closed: scores the forecasts made for it and,
     * when any was, judges the model again.
     *
     * @param measured [channel] the interval's value of each channel (as its observation carries it),
     *                 NaN when the channel had no good reading in it (gap-filled or missing: not scored)
     * @return true when a forecast of the running model was scored (the figures changed)
     * @throws IOException when the record's file cannot take the change (the figures are kept in
     *                     memory, written with the next change)
     */
    public boolean observed(long t, double[] measured) throws IOException {
        boolean scored = current.score(t, measured);
        if (scored) {
            for (int k = 0; k < current.outputs(); k++) {
                if (current.judge(k, settings.minScored())) {
                    logVerdict(k);
                }
            }
        }
        IOException failed = null;
        if (previous != null) {
            previous.score(t, measured);
            try {
                previous.record().flush();
            } catch (IOException e) {
                failed = e;
            }
            if (!previous.waiting(t)) {
                previous.record().close();
                previous = null;
            }
        }
        current.record().flush();
        if (failed != null) {
            throw failed;
        }
        return scored;
    }

    private void logVerdict(int k) {
        String name = current.record().outputs().get(k).name();
        current.record().week(k, week);
        if (current.worse(k)) {
            Logger.warn("Skill: {}: the model's 7-day RMSE ({}) is worse than persistence's ({}), {} forecasts scored; {}",
                    name, number(week[0]), number(week[1]), (long) week[2], settings.fallbackToPersistence()
                            ? "persistence's forecast is published instead" : "its forecast is published all the same");
        } else {
            Logger.info("Skill: {}: the model's 7-day RMSE ({}) is no longer worse than persistence's ({}); its "
                    + "forecasts are published again", name, number(week[0]), number(week[1]));
        }
    }

    /**
     * Why a forecast is degraded when the model is worse than persistence for an output (after
     * "NAME: "); the figures are on the skill topic.
     */
    public static String worseReason(int minScored, boolean fallback) {
        return "the model's RMSE over the last 7 days is worse than persistence's (at least " + minScored
                + " forecasts scored, figures on the skill topic); " + (fallback ? "persistence's forecast is published instead"
                        : "its forecast is published all the same (model.fallback = none)");
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * A forecast was made from the window ending at {@code windowEnd} (label, epoch seconds).
     *
     * @param values [O] the model's outputs
     * @param used   [channel] the values of interval {@code windowEnd} as its observation carries them
     */
    public void forecastMade(long windowEnd, float[] values, double[] used) {
        current.forecast(windowEnd, values, used);
    }

    /** True when the model is worse than persistence for output {@code k} (see the class comment). */
    public boolean worse(int k) {
        return current.worse(k);
    }

    /** True when output {@code k} of the last forecast is to be persistence's ({@code model.fallback = persistence}). */
    public boolean publishesPersistence(int k) {
        return settings.fallbackToPersistence() && current.worse(k) && !Double.isNaN(current.persistence(k));
    }

    /** Persistence's forecast for output {@code k} from the last window (its target's value at window_end), NaN none. */
    public double persistence(int k) {
        return current.persistence(k);
    }

    /** Adds one reason per output for which the model is worse than persistence, to a forecast's reasons. */
    public void addReasons(List<String> into) {
        for (int k = 0; k < current.outputs(); k++) {
            if (current.worse(k)) {
                into.add(reasons[k]);
            }
        }
    }

    /**
     * Swaps in another model, between two intervals: its own record (restored from its file when it
     * ran before, else new) and verdicts; the forecasts the old model made are still scored into the
     * old record as they come due.
     *
     * @return the previous model's record, whose figures stay as they were once its last forecasts are
     *         scored (read it on the station's thread)
     */
    public SkillRecord replaceModel(ModelInfo next) throws IOException {
        if (previous != null) {
            previous.record().close();
        }
        previous = current;
        start(next);
        return previous.record();
    }

    @Override
    public void close() throws IOException {
        try {
            if (previous != null) {
                previous.record().close();
            }
        } finally {
            current.record().close();
        }
    }
}
