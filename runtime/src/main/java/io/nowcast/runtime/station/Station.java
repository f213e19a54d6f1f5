package io.nowcast.runtime.station;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class Station implements AutoCloseable {
    private final String stationId;
    private final StationTopics topics;
    private final String healthTopic;
    private final ModelInfo info;
    private final Model model;
    private final Engine engine;
    private final List<Channel> channels;
    private final boolean[] modelInput; // [channel]: some model input needs it
    private final Outbox outbox;
    private final SeqCounters seqs;
    private final HistoryCsv history;
    private final MemoryQueue memory = new MemoryQueue();
    private final StationHealth health;
    private final IntervalMeans means;
    private final GapFiller gaps;
    private final InputWindow window;
    private final long intervalSeconds;
    private final int maxGapRows; // empty intervals closed one by one (a day's worth, at least T); more are passed over
    private final double[] measured; // [channel] this interval's means, NaN = none
    private final double[] used; // [channel] after gap filling
    private final GapFiller.Status[] status; // [channel]
    private final int[] good; // [channel]
    private final int[] bad; // [channel]
    private final float[] windowBuffer; // [T][I] row-major, oldest row first
    private final float[] outputs; // [O]
    private StationClock clock;
    private Uplink uplink = Uplink.NONE;
    private long lateReadings;
    private long forecasts;
    private long observations;
    private long passedOver;
    private boolean suspended = true;

    /**
     * @param dataDir where the seq file and the history live (seq, history/)
     */
    public Station(String stationId, ModelInfo info, Engine engine, List<Channel> channels, Outbox outbox, Path dataDir,
            int maxFilledIntervals, int historyKeepMonths) throws IOException {
        this.stationId = stationId;
        this.topics = new StationTopics(stationId);
        this.healthTopic = healthTopic(topics);
        this.info = info;
        this.model = info.model();
        this.engine = engine;
        this.channels = List.copyOf(channels);
        this.outbox = outbox;
        this.seqs = SeqCounters.open(dataDir.resolve("seq"), topics.observation(), topics.forecast(), outbox.lastSeqByTopic(),
                Instant.now());
        this.health = new StationHealth(stationId, seqs.epoch());
        this.history = new HistoryCsv(dataDir.resolve("history"), channels, historyKeepMonths);
        this.intervalSeconds = model.intervalSeconds();
        this.means = new IntervalMeans(channels, intervalSeconds);
        this.gaps = new GapFiller(channels.size(), maxFilledIntervals);
        this.window = new InputWindow(model, channels);
        this.maxGapRows = (int) Math.max(Math.max(model.window(), maxFilledIntervals + 1), 86_400 / intervalSeconds);
        this.modelInput = new boolean[channels.size()];
        for (ModelInputs.Source s : ModelInputs.sources(model, channels)) {
            if (s.measured()) {
                modelInput[s.channel()] = true;
            }
        }
        this.measured = new double[channels.size()];
        this.used = new double[channels.size()];
        this.status = new GapFiller.Status[channels.size()];
        this.good = new int[channels.size()];
        this.bad = new int[channels.size()];
        this.windowBuffer = new float[model.window() * model.inputCount()];
        this.outputs = new float[model.outputCount()];
        memory.recorded(topics.observation(), seqs.durableObservation());
        memory.recorded(topics.forecast(), seqs.durableForecast());
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
        publishHealth(clock == null ? Instant.now() : clock.instant(), true);
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
        long fcSeq = seqs.takeForecast();
        store(topics.forecast(), fcSeq, Payloads.forecast(stationId, fcSeq, seqs.epoch(), now, start, info, outputs,
                window.degradedReasons(model), micros, engine.saturated()), now);
        forecasts++;
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
                memory.bytes(), memory.dropped(), memory.published(), history.waiting(), history.dropped(), stats);
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
            seqs.close();
        }
    }
}
