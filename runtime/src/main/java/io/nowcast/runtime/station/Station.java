package io.nowcast.runtime.station;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
 */
public final class Station implements AutoCloseable {
    private final String stationId;
    private final StationTopics topics;
    private final ModelInfo info;
    private final Model model;
    private final Engine engine;
    private final List<Channel> channels;
    private final Outbox outbox;
    private final SeqCounters seqs;
    private final HistoryCsv history;
    private final IntervalMeans means;
    private final GapFiller gaps;
    private final InputWindow window;
    private final long intervalSeconds;
    private final double[] measured; // [channel] this interval's means, NaN = none
    private final double[] used; // [channel] after gap filling
    private final GapFiller.Status[] status; // [channel]
    private final int[] good; // [channel]
    private final int[] bad; // [channel]
    private final float[] windowBuffer; // [T][I] row-major, oldest row first
    private final float[] outputs; // [O]
    private long lateReadings;
    private long forecasts;
    private long observations;
    private boolean suspended = true;

    /**
     * @param dataDir where the outbox, the seq file and the history live (outbox/, seq, history/)
     */
    public Station(String stationId, ModelInfo info, Engine engine, List<Channel> channels, Outbox outbox, Path dataDir,
            int maxFilledIntervals, int historyKeepMonths) throws IOException {
        this.stationId = stationId;
        this.topics = new StationTopics(stationId);
        this.info = info;
        this.model = info.model();
        this.engine = engine;
        this.channels = List.copyOf(channels);
        this.outbox = outbox;
        this.seqs = SeqCounters.open(dataDir.resolve("seq"), topics.observation(), topics.forecast(), outbox.lastSeqByTopic());
        this.history = new HistoryCsv(dataDir.resolve("history"), channels, historyKeepMonths);
        this.intervalSeconds = model.intervalSeconds();
        this.means = new IntervalMeans(channels, intervalSeconds);
        this.gaps = new GapFiller(channels.size(), maxFilledIntervals);
        this.window = new InputWindow(model, channels);
        this.measured = new double[channels.size()];
        this.used = new double[channels.size()];
        this.status = new GapFiller.Status[channels.size()];
        this.good = new int[channels.size()];
        this.bad = new int[channels.size()];
        this.windowBuffer = new float[model.window() * model.inputCount()];
        this.outputs = new float[model.outputCount()];
    }

    public StationTopics topics() {
        return topics;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** One reading of channel {@code c} taken at {@code t}; {@code ok} false for missing or rejected. */
    public void reading(int c, Instant t, double value, boolean ok) throws IOException {
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
    public void advanceTo(Instant now) throws IOException {
        if (means.start() == Long.MIN_VALUE) {
            means.begin(means.intervalOf(now));
            return;
        }
        long current = means.intervalOf(now);
        if (current > means.start()) {
            closeUntil(current, now);
        }
    }

    /** Closes intervals from the one being collected up to (not including) grid point {@code next}. */
    private void closeUntil(long next, Instant now) throws IOException {
        while (means.start() < next) {
            closeInterval(now);
            means.begin(means.start() + intervalSeconds);
        }
    }

    private void closeInterval(Instant now) throws IOException {
        Instant start = Instant.ofEpochSecond(means.start());
        means.means(measured);
        for (int c = 0; c < channels.size(); c++) {
            used[c] = measured[c];
            good[c] = means.goodReadings(c);
            bad[c] = means.badReadings(c);
        }
        gaps.fill(used, status);
        long obsSeq = seqs.nextObservation();
        outbox.append(topics.observation(), obsSeq, Payloads.observation(stationId, obsSeq, start, intervalSeconds,
                channels, used, status, good, bad));
        seqs.observationStored(obsSeq);
        observations++;
        history.append(start, measured);
        window.push(start, used, status);
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
        long fcSeq = seqs.nextForecast();
        outbox.append(topics.forecast(), fcSeq, Payloads.forecast(stationId, fcSeq, now, start, info, outputs,
                window.degradedReasons(model), micros, engine.saturated()));
        seqs.forecastStored(fcSeq);
        forecasts++;
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

    /** Forecasts put into the outbox since start. */
    public long forecasts() {
        return forecasts;
    }

    /** Observations put into the outbox since start. */
    public long observations() {
        return observations;
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
        history.close();
    }
}
