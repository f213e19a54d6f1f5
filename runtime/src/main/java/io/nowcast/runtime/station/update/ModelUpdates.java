package io.nowcast.runtime.station.update;

import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.EngineKind;
import io.nowcast.engine.model.Model;
import io.nowcast.history.Durations;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.Station;
import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.skill.SkillRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * A station's model updates, the one object its loop talks to (docs/updates.md). Updates arrive on
 * the subscriber's thread ({@link #receive}): each is verified ({@link UpdateVerifier}) and, when
 * accepted, written durably beside the running model ({@link ModelStore#stage}) there, off the
 * station's thread. Between two intervals the station's thread calls {@link #takeReady()}, which
 * makes the newest accepted model current (one rename, {@link ModelStore#commit}) and hands it over
 * with its engine, so that the interval after it is the first forecast by the new model: none lost,
 * none made twice. {@link #rollBack} does the same with the previous model.
 *
 * <p>Every update's result (accepted, refused with its reason, failed, rolled back) is kept for the
 * health topic ({@link #writeHealth}); {@link #resultCount()} tells the station when it changed.
 */
public final class ModelUpdates implements AutoCloseable {
    private final String stationId;
    private final UpdateSettings settings;
    private final ModelStore store;
    private final UpdateVerifier verifier;
    private final String engine;
    private final Supplier<Instant> clock;
    private final Object lock = new Object(); // guards floor and pending
    private UpdateVerifier.Floor floor; // the highest version staged or taken
    private UpdateVerifier.Candidate pending; // accepted and staged, not yet current
    private Model running; // station thread only
    private Model before; // station thread only: the model running before the last swap
    private long beforeVersion;
    private volatile long runningVersion;
    private RollbackWatch watch; // station thread only: the judgement of the version running, or null
    private volatile UpdateResult last;
    private volatile long results;
    private UpdateSubscriber subscriber;

    /**
     * @param running  the model the station runs now: the store's current one
     * @param channels the station's channels, which an update's inputs must be served by
     * @param engine   {@code model.engine}
     * @param clock    the station's time, for the results
     */
    public ModelUpdates(String stationId, UpdateSettings settings, ModelStore store, ModelInfo running,
            List<Channel> channels, String engine, Supplier<Instant> clock) {
        this.stationId = stationId;
        this.settings = settings;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.verifier = new UpdateVerifier(stationId, settings.keys(), settings.maxModelBytes(), channels,
                running.model().intervalSeconds(), engine);
        this.running = running.model();
        this.runningVersion = store.current().version();
        this.floor = new UpdateVerifier.Floor(store.highest().version(), store.highest().sha256());
        if (settings.rollback() != null && runningVersion > 0) {
            try {
                watch = RollbackWatch.resume(store.dir(), runningVersion, settings.rollback());
            } catch (IOException e) {
                Logger.warn("Model updates: the judgement of version {} cannot be read ({}); it is kept for good",
                        runningVersion, e.getMessage());
            }
        }
    }

    /** {@code nowcast/<id>/model/update}. */
    public static String topic(StationTopics topics) {
        return topics.model() + "/update";
    }

    /** Subscribes to the station's update topic on {@code broker}, in the background. */
    public void listen(BrokerSettings broker) {
        subscriber = UpdateSubscriber.start(broker, topic(new StationTopics(stationId)), (t, payload) -> receive(payload));
    }

    /** True once the subscription stands. */
    public boolean listening() {
        return subscriber != null && subscriber.subscribed();
    }

    /** One update message, on the subscriber's thread: verified and, when accepted, staged. Never throws. */
    synchronized void receive(byte[] payload) {
        UpdateVerifier.Floor f;
        synchronized (lock) {
            f = floor;
        }
        UpdateVerifier.Candidate c;
        try {
            Optional<UpdateVerifier.Candidate> verified = verifier.verify(payload, f);
            if (verified.isEmpty()) {
                Logger.debug("Model updates: version {} again (retained, or a repeat); already taken", f.version());
                return;
            }
            c = verified.get();
        } catch (UpdateRefused r) {
            SignedUpdate header = r.refusal() == Refusal.TOO_LARGE ? null : headerOrNull(payload);
            result(new UpdateResult(UpdateResult.Outcome.REFUSED, r.refusal(), r.getMessage(),
                    header == null ? 0 : header.version(), header == null ? null
                            : HexFormat.of().formatHex(header.modelSha256()), header == null ? null : header.shortKeyId(),
                    clock.get()));
            Logger.warn("Model updates: refused ({}): {}; nothing changed", r.refusal().code(), r.getMessage());
            return;
        }
        SignedUpdate u = c.update();
        try {
            store.stage(u.version(), u.model());
        } catch (IOException e) {
            result(new UpdateResult(UpdateResult.Outcome.FAILED, null, "storing it failed: " + e.getMessage(),
                    u.version(), c.info().sha256(), u.shortKeyId(), clock.get()));
            Logger.error("Model updates: version {} is valid but cannot be stored: {}; nothing changed", u.version(),
                    e.getMessage());
            return;
        }
        synchronized (lock) {
            floor = new UpdateVerifier.Floor(u.version(), c.info().sha256());
            pending = c;
        }
        result(new UpdateResult(UpdateResult.Outcome.ACCEPTED, null, null, u.version(), c.info().sha256(),
                u.shortKeyId(), clock.get()));
        Logger.info("Model updates: accepted version {} ({}, sha256 {}, key {}); it runs from the next interval",
                u.version(), c.info().name(), c.info().sha256().substring(0, 12), u.shortKeyId());
    }

    /** The header of a refused message, when it can be read at all (for the result's fields). */
    private static SignedUpdate headerOrNull(byte[] payload) {
        try {
            return SignedUpdate.decode(payload, UpdateSettings.LARGEST_MAX_BYTES);
        } catch (UpdateRefused e) {
            return null;
        }
    }

    /**
     * On the station's thread, between two intervals: makes the newest accepted model current (the
     * swap, one rename) and returns it, or empty when there is none or the swap failed (then the
     * running model goes on, and the result says why).
     */
    public Optional<ReadyModel> takeReady() {
        UpdateVerifier.Candidate c;
        synchronized (lock) {
            c = pending;
            pending = null;
        }
        if (c == null) {
            return Optional.empty();
        }
        long version = c.update().version();
        try {
            store.commit(version, c.info().sha256());
        } catch (IOException e) {
            synchronized (lock) {
                floor = new UpdateVerifier.Floor(store.highest().version(), store.highest().sha256());
            }
            result(new UpdateResult(UpdateResult.Outcome.FAILED, null, "making it current failed: " + e.getMessage(),
                    version, c.info().sha256(), c.update().shortKeyId(), clock.get()));
            Logger.error("Model updates: version {} cannot be made current: {}; version {} goes on", version,
                    e.getMessage(), runningVersion);
            return Optional.empty();
        }
        return Optional.of(swapTo(c.info(), c.engine(), version));
    }

    /**
     * On the station's thread, between two intervals: goes back to the previous model (automatic
     * rollback, {@link RollbackRule}), and returns it to run from the next interval.
     *
     * @param reason why, for the log and the health topic
     * @throws IOException when there is no previous model or it cannot be read; nothing changed
     */
    public ReadyModel rollBack(String reason) throws IOException {
        ModelStore.Entry from = store.current();
        ModelStore.Entry back = store.previous();
        if (back == null) {
            throw new IOException("no previous model to roll back to");
        }
        ModelInfo info = ModelInfo.load(back.file(), engine); // checked before the store changes
        ModelStore.Entry now = store.rollback();
        result(new UpdateResult(UpdateResult.Outcome.ROLLED_BACK, null, reason, from.version(), from.sha256(), null,
                clock.get()));
        Logger.warn("Model updates: rolled back from version {} to version {} ({}): {}", from.version(), now.version(),
                info.name(), reason);
        return swapTo(info, EngineKind.of(engine).create(info.model()), now.version());
    }

    /**
     * On the station's thread: the station would not run {@code r}, which {@link #takeReady} made
     * current, so the store goes back to the model still running and the result says why. The
     * version stays the highest taken, so that the same (retained) update is not taken again.
     */
    public void stationRefused(ReadyModel r, String reason) {
        String detail = "the station cannot run it: " + reason;
        try {
            store.rollback();
            running = before;
            runningVersion = beforeVersion;
        } catch (IOException e) {
            detail += "; going back to version " + beforeVersion + " in the store failed: " + e.getMessage();
        }
        result(new UpdateResult(UpdateResult.Outcome.FAILED, null, detail, r.version(), r.info().sha256(), null,
                clock.get()));
        Logger.error("Model updates: version {} ({}): {}; version {} goes on", r.version(), r.info().name(), detail,
                beforeVersion);
    }

    /**
     * On the station's thread, once the station runs the update {@link #takeReady} gave: its
     * judgement ({@link RollbackRule}) begins, against {@code previous}, the live skill record of the
     * model before it. Nothing is judged when {@code model.update.rollback_period = off} or the
     * previous model has no record.
     *
     * @param since its first interval
     */
    public void judgeFrom(Instant since, SkillRecord previous) {
        RollbackRule rule = settings.rollback();
        if (rule == null || previous == null) {
            return;
        }
        watch = RollbackWatch.begin(runningVersion, since, previous, rule);
        try {
            watch.save(store.dir());
        } catch (IOException e) {
            Logger.warn("Model updates: the judgement of version {} cannot be kept on disk ({}); a restart within {} "
                    + "keeps the model for good", runningVersion, e.getMessage(), Durations.format(rule.period()));
        }
        Logger.info("Model updates: version {} is judged after {} against the model before it", runningVersion,
                Durations.format(rule.period()));
    }

    /**
     * On the station's thread, between two intervals: the judgement of the version running, when one
     * is due, from its live skill record {@code current}. Returns the previous model to run again
     * when the verdict is to roll back; empty while the verdict waits, when the model stays, and
     * when nothing is judged. Allocates nothing before the period is over.
     */
    public Optional<ReadyModel> judge(Instant now, SkillRecord current) {
        RollbackWatch w = watch;
        if (w == null || !w.due(now) || current == null) {
            return Optional.empty();
        }
        RollbackRule.Decision d = w.decide(now, current, settings.rollback());
        switch (d.verdict()) {
            case WAIT -> {
                w.lookAgain(now, running.intervalSeconds());
                return Optional.empty();
            }
            case KEEP -> {
                endJudgement();
                result(new UpdateResult(UpdateResult.Outcome.KEPT, null, d.reason(), w.version(), store.current().sha256(),
                        null, clock.get()));
                Logger.info("Model updates: version {} stays: {}", w.version(), d.reason());
                return Optional.empty();
            }
            default -> {
                endJudgement();
                try {
                    return Optional.of(rollBack(d.reason()));
                } catch (IOException e) {
                    result(new UpdateResult(UpdateResult.Outcome.FAILED, null, "rolling back failed: " + e.getMessage()
                            + " (" + d.reason() + ")", w.version(), store.current().sha256(), null, clock.get()));
                    Logger.error("Model updates: version {} should be rolled back ({}), but it cannot be: {}; it goes on",
                            w.version(), d.reason(), e.getMessage());
                    return Optional.empty();
                }
            }
        }
    }

    private void endJudgement() {
        watch = null;
        try {
            RollbackWatch.end(store.dir());
        } catch (IOException e) {
            Logger.warn("Model updates: {}: {} (a restart deletes it: it names a judgement given)",
                    store.dir().resolve(RollbackWatch.FILE), e.getMessage());
        }
    }

    private ReadyModel swapTo(ModelInfo info, io.nowcast.engine.Engine e, long version) {
        ReadyModel r = new ReadyModel(info, e, version, Station.sameWindow(running, info.model()));
        before = running;
        beforeVersion = runningVersion;
        running = info.model();
        runningVersion = version;
        return r;
    }

    private void result(UpdateResult r) {
        synchronized (lock) { // the subscriber's thread and the station's both report
            last = r;
            results++;
        }
    }

    /** The version running (0: model.file). */
    public long runningVersion() {
        return runningVersion;
    }

    /** The last result, or null before the first update. */
    public UpdateResult lastResult() {
        return last;
    }

    /** Results so far: when it changes, the health has news. */
    public long resultCount() {
        return results;
    }

    /** The automatic rollback rule, or null when {@code model.update.rollback_period = off}. */
    public RollbackRule rollbackRule() {
        return settings.rollback();
    }

    /** Adds {@code "model_update":{...}} to the health payload being written, once there is a result. */
    public void writeHealth(JsonWriter w) {
        UpdateResult r = last;
        if (r != null) {
            r.writeTo(w, runningVersion);
        }
    }

    /** Stops listening; the store is the caller's to close. */
    @Override
    public void close() {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
