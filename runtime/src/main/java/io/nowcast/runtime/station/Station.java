package io.nowcast.runtime.station;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.skill.LiveSkill;
import io.nowcast.runtime.station.skill.SkillRecord;
import io.nowcast.runtime.station.skill.SkillSettings;
import io.nowcast.runtime.station.update.ModelUpdates;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * The station's per-interval work: readings in; at the end of each model interval, the resampled
 * observation and (when the window allows) a forecast into the outbox, and the observation into
 * the CSV history. Single-threaded: one thread calls {@link #reading} and {@link #advanceTo}; the
 * publisher drains the outbox on its own thread.
 *
 * <p>Rows are the trainer's: row k is the mean over [k·Δ − Δ/2, k·Δ + Δ/2) (UTC epoch seconds),
 * labelled k·Δ, and is closed at k·Δ + Δ/2. A forecast made from the window whose newest row is
 * labelled s is valid at s + horizon for each output, as the trainer's targets are. Readings that
 * arrive for an interval already closed are counted and ignored.
 *
 * <p><b>Each interval is closed exactly once.</b> Closing computes the row, gap-fills it and pushes
 * it into the window first; only then is anything written, and a failure to write never reopens
 * the interval. Each output fails on its own:
 * <ul>
 * <li>the outbox (full disk, read-only, I/O error): the message keeps its seq and waits in the
 *     {@link MemoryQueue}, published from there once the outbox is delivered, and moved into the
 *     outbox when it takes messages again;</li>
 * <li>the history: the row waits in memory and is written, in order, when the file takes rows
 *     again ({@link HistoryCsv});</li>
 * <li>the seq file: messages in memory are not published until a later save records their seq
 *     ({@link SeqCounters}).</li>
 * </ul>
 * Each kind of failure is logged once, until it works again, and makes the {@link StationHealth}
 * {@code degraded} with the reason. Every step is tried again once per interval, never faster.
 *
 * <p><b>Live skill.</b> Closing an interval first scores the forecasts made for it against its
 * observation ({@link LiveSkill}) and publishes the figures, retained, on {@code nowcast/<id>/skill};
 * then the forecast made from the window ending with it carries, per output, the model's value or,
 * where the model is worse than persistence and {@code model.fallback = persistence}, persistence's.
 */
public final class Station implements AutoCloseable {
    private final String stationId;
    private final StationTopics topics;
    private final String healthTopic;
    private ModelInfo info; // the model running: changed only between two intervals (requestModel)
    private Model model;
    private Engine engine;
    private final List<Channel> channels;
    private boolean[] modelInput; // [channel]: some model input needs it
    private final Outbox outbox;
    private final SeqCounters seqs;
    private final HistoryCsv history;
    private final MemoryQueue memory = new MemoryQueue();
    private final StationHealth health;
    private final IntervalMeans means;
    private final GapFiller gaps;
    private InputWindow window;
    private final long intervalSeconds;
    private final int maxFilledIntervals;
    private int maxGapRows; // empty intervals closed one by one (a day's worth, at least T); more are passed over
    private final double[] measured; // [channel] this interval's means, NaN = none
    private final double[] used; // [channel] after gap filling
    private final GapFiller.Status[] status; // [channel]
    private final int[] good; // [channel]
    private final int[] bad; // [channel]
    private float[] windowBuffer; // [T][I] row-major, oldest row first
    private float[] outputs; // [O] the model's
    private float[] published; // [O] what the forecast carries: the model's, or persistence's
    private boolean[] fromPersistence; // [O] published[k] is persistence's forecast
    private final AtomicReference<Swap> swap = new AtomicReference<>(); // a model to run from the next interval
    private final LiveSkill skill; // null: no live skill (benchmarks)
    private StationClock clock;
    private Uplink uplink = Uplink.NONE;
    private volatile ModelUpdates updates; // null: no model update is taken; its result goes into the health
    private long lateReadings;
    private long forecasts;
    private long observations;
    private long passedOver;
    private boolean suspended = true;

    /**
     * A station with live skill kept as {@link SkillSettings#DEFAULT} says.
     *
     * @param dataDir where the seq file, the history and the skill records live (seq, history/, skill/)
     */
    public Station(String stationId, ModelInfo info, Engine engine, List<Channel> channels, Outbox outbox, Path dataDir,
            int maxFilledIntervals, int historyKeepMonths) throws IOException {
        this(stationId, info, engine, channels, outbox, dataDir, maxFilledIntervals, historyKeepMonths, SkillSettings.DEFAULT);
    }

    /**
     * @param skill what to do with the live skill; null: none is kept (for comparing costs)
     */
    public Station(String stationId, ModelInfo info, Engine engine, List<Channel> channels, Outbox outbox, Path dataDir,
            int maxFilledIntervals, int historyKeepMonths, SkillSettings skill) throws IOException {
        this.stationId = stationId;
        this.topics = new StationTopics(stationId);
        this.healthTopic = healthTopic(topics);
        this.channels = List.copyOf(channels);
        this.outbox = outbox;
        this.seqs = SeqCounters.open(dataDir.resolve("seq"), topics.observation(), topics.forecast(), outbox.lastSeqByTopic(),
                Instant.now());
        this.health = new StationHealth(stationId, seqs.epoch());
        this.history = new HistoryCsv(dataDir.resolve("history"), channels, historyKeepMonths);
        this.intervalSeconds = info.model().intervalSeconds();
        this.means = new IntervalMeans(channels, intervalSeconds);
        this.gaps = new GapFiller(channels.size(), maxFilledIntervals);
        this.maxFilledIntervals = maxFilledIntervals;
        run(info, engine, false);
        this.measured = new double[channels.size()];
        this.used = new double[channels.size()];
        this.status = new GapFiller.Status[channels.size()];
        this.good = new int[channels.size()];
        this.bad = new int[channels.size()];
        this.skill = skill == null ? null : LiveSkill.open(dataDir, stationId, info, channels, skill);
        memory.recorded(topics.observation(), seqs.durableObservation());
        memory.recorded(topics.forecast(), seqs.durableForecast());
    }

    /**
     * Makes {@code next} the model that runs: its window (a new, empty one unless {@code keepWindow})
     * and the arrays sized by it.
     *
     * @throws IllegalArgumentException when a model input is served by nothing
     */
    private void run(ModelInfo next, Engine nextEngine, boolean keepWindow) {
        Model m = next.model();
        boolean[] inputs = new boolean[channels.size()];
        for (ModelInputs.Source s : ModelInputs.sources(m, channels)) {
            if (s.measured()) {
                inputs[s.channel()] = true;
            }
        }
        if (!keepWindow) {
            window = new InputWindow(m, channels);
            suspended = true;
        }
        info = next;
        model = m;
        engine = nextEngine;
        modelInput = inputs;
        maxGapRows = (int) Math.max(Math.max(m.window(), maxFilledIntervals + 1), 86_400 / intervalSeconds);
        windowBuffer = new float[m.window() * m.inputCount()];
        outputs = new float[m.outputCount()];
        published = new float[m.outputCount()];
        fromPersistence = new boolean[m.outputCount()];
    }

    /** Told, on the station's thread, what became of a {@link #requestModel} request. */
    public interface SwapListener {
        /**
         * {@code next} runs from the interval being closed on (its forecast is the new model's).
         *
         * @param previous      the model that ran before
         * @param previousSkill the previous model's live skill record (null when none is kept): its
         *                      figures as they were, still scored for the forecasts it made
         */
        void swapped(ModelInfo previous, ModelInfo next, SkillRecord previousSkill);

        /** The station cannot run {@code next} (one line why); the running model goes on. */
        void refused(ModelInfo next, String reason);
    }

    private record Swap(ModelInfo info, Engine engine, SwapListener listener) {
    }

    /**
     * Asks the station to run another model from the next interval it closes on, between two
     * intervals: no forecast lost or made twice, {@code seq} going on by one. When the new model's
     * window has the same inputs, in the same order, and the same length T, the window is kept and
     * forecasts go on at once; else a new window fills first (as after a start). The new model gets a
     * live skill record of its own; the previous model's stays as it was ({@link LiveSkill#replaceModel}).
     * The retained {@code nowcast/<id>/model} and {@code skill} are handed to the uplink.
     *
     * <p>Thread-safe; returns at once. A second request before the swap replaces the first (whose
     * listener is told it was refused). The interval must be the running model's.
     */
    public void requestModel(ModelInfo next, Engine nextEngine, SwapListener listener) {
        Swap earlier = swap.getAndSet(new Swap(next, nextEngine, listener));
        if (earlier != null) {
            earlier.listener().refused(earlier.info(), "replaced by a later model before it ran");
        }
    }

    /** Runs the model requested, if any: at the start of closing an interval, on the station's thread. */
    private void swapIfRequested(Instant now) {
        Swap s = swap.getAndSet(null);
        if (s == null) {
            return;
        }
        Model next = s.info().model();
        if (next.intervalSeconds() != intervalSeconds) {
            s.listener().refused(s.info(), "its interval is " + next.intervalSeconds() + " s, the station's "
                    + intervalSeconds + " s");
            return;
        }
        ModelInfo previous = info;
        boolean keepWindow = sameWindow(model, next);
        try {
            run(s.info(), s.engine(), keepWindow);
        } catch (IllegalArgumentException e) {
            s.listener().refused(s.info(), e.getMessage());
            return;
        }
        SkillRecord previousSkill = null;
        if (skill != null) {
            try {
                previousSkill = skill.replaceModel(s.info());
            } catch (IOException e) {
                health.fail(StationHealth.Kind.SKILL, now, describe(e));
            }
            publishSkill();
        }
        uplink.retain(new RetainedMessage(topics.model(), Payloads.model(stationId, s.info())));
        Logger.info("Station {}: model {} ({}) runs from the interval of {} on, after {} ({}); {}", stationId,
                s.info().name(), s.info().sha256().substring(0, 12), Instant.ofEpochSecond(means.start()), previous.name(),
                previous.sha256().substring(0, 12), keepWindow ? "the window is kept" : "a new window fills first");
        s.listener().swapped(previous, s.info(), previousSkill);
    }

    /** True when a window of rows for {@code running} serves {@code next} as it is: the same inputs, in order, and T. */
    public static boolean sameWindow(Model running, Model next) {
        if (running.window() != next.window() || running.inputCount() != next.inputCount()) {
            return false;
        }
        for (int k = 0; k < running.inputCount(); k++) {
            if (!running.inputs().get(k).name().equals(next.inputs().get(k).name())) {
                return false;
            }
        }
        return true;
    }

    /** {@code nowcast/<id>/health}. */
    public static String healthTopic(StationTopics topics) {
        return StationTopics.ROOT + "/" + topics.stationId() + "/health";
    }

    /**
     * Where the health goes, and the clock whose state it reports; publishes the health at once.
     */
    void attach(Uplink uplink, StationClock clock) {
        this.uplink = uplink;
        this.clock = clock;
        // The station owns the retained model message: the uplink sends the latest one on every
        // connection, so that after a swap a reconnection never brings the previous model back.
        uplink.retain(new RetainedMessage(topics.model(), Payloads.model(stationId, info)));
        publishHealth(clock == null ? Instant.now() : clock.instant(), true);
        if (skill != null && skill.record().newest() != null) {
            publishSkill(); // the figures restored at start
        }
    }

    /** The running model's live skill record, or null when the station keeps none (benchmarks). */
    SkillRecord skillRecord() {
        return skill == null ? null : skill.record();
    }

    /** The model updates whose last result the health reports ({@code model_update}). */
    void reportUpdates(ModelUpdates u) {
        this.updates = u;
    }

    public StationTopics topics() {
        return topics;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** One reading of channel {@code c} taken at {@code t}; {@code ok} false for missing or rejected. */
    public void reading(int c, Instant t, double value, boolean ok) {
        long interval = means.intervalOf(t);
        if (means.start() == Long.MIN_VALUE) {
            means.begin(interval);
        } else if (interval < means.start()) {
            lateReadings++;
            return;
        } else if (interval > means.start()) {
            closeUntil(interval, t);
        }
        means.add(c, value, ok);
    }

    /**
     * Closes every interval that ends at or before {@code now}, so that intervals without any
     * reading are closed too (as gaps).
     */
    public void advanceTo(Instant now) {
        if (means.start() == Long.MIN_VALUE) {
            means.begin(means.intervalOf(now));
            return;
        }
        long current = means.intervalOf(now);
        if (current > means.start()) {
            closeUntil(current, now);
        }
    }

    /**
     * Closes the interval being collected and the empty ones after it, up to (not including) grid
     * point {@code next}. After more than a day's worth of empty intervals (at least T, and
     * {@code gaps.max_filled_intervals} + 1) — a long stop, the wall clock stepping far forward — the
     * window is all gaps long since: the rest are passed over without a row, and counted.
     */
    private void closeUntil(long next, Instant now) {
        closeInterval(now);
        long empty = (next - means.start()) / intervalSeconds - 1;
        if (empty > maxGapRows) {
            long skip = empty - maxGapRows;
            passedOver += skip;
            Logger.warn("Station {}: {} intervals passed without readings (a stop, or the wall clock stepped forward): "
                    + "{} closed as gaps, {} passed over", stationId, empty, maxGapRows, skip);
            means.begin(means.start() + intervalSeconds);
            for (long k = 0; k < maxGapRows; k++) {
                closeInterval(now);
                means.begin(means.start() + intervalSeconds);
            }
            means.begin(next);
            return;
        }
        means.begin(means.start() + intervalSeconds);
        while (means.start() < next) {
            closeInterval(now);
            means.begin(means.start() + intervalSeconds);
        }
    }

    /** Closes the interval being collected: once, whatever fails while storing it. */
    private void closeInterval(Instant now) {
        swapIfRequested(now);
        Instant start = Instant.ofEpochSecond(means.start());
        means.means(measured);
        for (int c = 0; c < channels.size(); c++) {
            used[c] = measured[c];
            good[c] = means.goodReadings(c);
            bad[c] = means.badReadings(c);
        }
        gaps.fill(used, status);
        window.push(start, used, status);
        // From here on the interval is closed: what follows only stores it, each part on its own.
        long obsSeq = seqs.takeObservation();
        store(topics.observation(), obsSeq, Payloads.observation(stationId, obsSeq, seqs.epoch(), start, intervalSeconds,
                channels, used, status, good, bad), now);
        observations++;
        score(now);
        try {
            history.append(start, measured);
            health.worked(StationHealth.Kind.HISTORY, now);
        } catch (IOException e) {
            health.fail(StationHealth.Kind.HISTORY, now, describe(e));
        }
        forecast(start, now);
        try {
            seqs.save();
            memory.recorded(topics.observation(), seqs.durableObservation());
            memory.recorded(topics.forecast(), seqs.durableForecast());
            health.worked(StationHealth.Kind.SEQ, now);
        } catch (IOException e) {
            health.fail(StationHealth.Kind.SEQ, now, describe(e));
        }
        publishHealth(now, false);
    }

    private void forecast(Instant start, Instant now) {
        if (!window.ready()) {
            if (!suspended) {
                Logger.warn("Forecasts suspended: a sensor has been without a valid reading for too long; "
                        + "they resume {} intervals after it returns", model.window());
            }
            suspended = true;
            return;
        }
        if (suspended) {
            Logger.info("Forecasting: the window of {} intervals is whole", model.window());
            suspended = false;
        }
        window.copyTo(windowBuffer);
        long t0 = System.nanoTime();
        engine.predict(windowBuffer, outputs);
        long micros = (System.nanoTime() - t0) / 1000;
        List<String> reasons = window.degradedReasons(model);
        System.arraycopy(outputs, 0, published, 0, outputs.length);
        if (skill != null) {
            skill.forecastMade(start.getEpochSecond(), outputs, used);
            for (int k = 0; k < outputs.length; k++) {
                fromPersistence[k] = skill.publishesPersistence(k);
                if (fromPersistence[k]) {
                    published[k] = (float) skill.persistence(k);
                }
            }
            skill.addReasons(reasons);
        }
        long fcSeq = seqs.takeForecast();
        store(topics.forecast(), fcSeq, Payloads.forecast(stationId, fcSeq, seqs.epoch(), now, start, info, outputs,
                published, fromPersistence, reasons, micros, engine.saturated()), now);
        forecasts++;
    }

    /**
     * Scores the forecasts made for the interval just closed (its label and its measured values);
     * publishes the figures when any was scored. A record that cannot be written is a fault of the
     * health; its figures stay in memory.
     */
    private void score(Instant now) {
        if (skill == null) {
            return;
        }
        boolean scored;
        try {
            scored = skill.observed(means.start(), measured);
            health.worked(StationHealth.Kind.SKILL, now);
        } catch (IOException e) {
            scored = true;
            health.fail(StationHealth.Kind.SKILL, now, describe(e));
        }
        if (scored) {
            publishSkill();
        }
    }

    private void publishSkill() {
        uplink.retain(new RetainedMessage(topics.skill(), skill.payload()));
    }

    /** The live skill, or null when none is kept. */
    public LiveSkill skill() {
        return skill;
    }

    /**
     * Puts a message into the outbox behind those waiting in memory; when the outbox cannot take
     * them, into memory.
     */
    private void store(String topic, long seq, byte[] payload, Instant now) {
        try {
            MemoryQueue.Message m;
            while ((m = memory.oldest()) != null) {
                outbox.append(m.topic(), m.seq(), m.payload());
                memory.remove(m, false);
            }
            outbox.append(topic, seq, payload);
            health.worked(StationHealth.Kind.OUTBOX, now);
        } catch (IOException e) {
            memory.add(new MemoryQueue.Message(topic, seq, payload));
            health.fail(StationHealth.Kind.OUTBOX, now, describe(e));
        }
    }

    /** An I/O failure in a line: the file and the system's reason where there are. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Hands the health to the uplink when it changed, or when {@code always}. */
    void publishHealth(Instant now, boolean always) {
        byte[] p = health.payloadIfChanged(now, counters(), always);
        if (p != null) {
            uplink.retain(new RetainedMessage(healthTopic, p));
        }
    }

    /** The clock's state, as the loop found it (published when it changed). */
    void clockState(StationHealth.ClockState state, String detail, Instant now) {
        health.clock(state, detail);
        publishHealth(now, false);
    }

    private StationHealth.Counters counters() {
        String suspendedBy = null;
        if (suspended) {
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < channels.size(); c++) {
                if (modelInput[c] && status[c] == GapFiller.Status.MISSING) {
                    missing.add(channels.get(c).name());
                }
            }
            if (!missing.isEmpty() && observations > 0) {
                suspendedBy = "no valid reading of " + String.join(", ", missing) + " for longer than "
                        + "gaps.max_filled_intervals; forecasts resume " + model.window() + " intervals after it returns";
            }
        }
        Uplink.Stats stats = uplink.stats();
        return new StationHealth.Counters(!suspended ? "on" : suspendedBy != null ? "suspended" : "filling", suspendedBy,
                clock != null && clock.catchingUp(), clock == null ? 0 : clock.steps(),
                new Outbox.Backlog(outbox.pending(), outbox.dropped(), outbox.bytesOnDisk()), outbox.damage(), memory.size(),
                memory.bytes(), memory.dropped(), memory.published(), history.waiting(), history.dropped(), stats, updates);
    }

    /** Messages the outbox could not take, waiting in memory (published by the uplink). */
    MemoryQueue memory() {
        return memory;
    }

    StationHealth health() {
        return health;
    }

    /** The time the stream of seqs started ({@code epoch} of every payload). */
    public String epoch() {
        return seqs.epoch();
    }

    /** When the interval being collected ends (so that the loop can close it on time). */
    public Instant closesAt() {
        if (means.start() == Long.MIN_VALUE) {
            return Instant.MIN;
        }
        return Instant.ofEpochMilli(means.start() * 1000 + intervalSeconds * 500);
    }

    /** T, the rows a forecast needs. */
    public int window() {
        return model.window();
    }

    /** Δ, seconds between two rows. */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    /** Forecasts made since start (in the outbox, or waiting in memory). */
    public long forecasts() {
        return forecasts;
    }

    /** Observations made since start (intervals closed, one each). */
    public long observations() {
        return observations;
    }

    /** Empty intervals passed over without a row after a long stop or a step of the clock. */
    public long passedOver() {
        return passedOver;
    }

    /** Readings that came after their interval had closed. */
    public long lateReadings() {
        return lateReadings;
    }

    /** True while forecasts are suspended (window filling, or a long sensor gap). */
    public boolean suspended() {
        return suspended;
    }

    @Override
    public void close() throws IOException {
        try {
            history.close();
        } finally {
            try {
                seqs.close();
            } finally {
                if (skill != null) {
                    skill.close();
                }
            }
        }
    }
}
