package io.nowcast.sensors.guard;

import io.nowcast.history.Durations;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.Sleeper;
import org.tinylog.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps a driver so that reading never throws and never passes on a bad value.
 *
 * <ul>
 *   <li>All driver calls run on one worker thread per source; a read that takes longer than the
 *       policy's timeout gives MISSING channels, and the device is reopened before its next use.
 *       While a timed-out call is still blocked, reads report MISSING without queueing more.</li>
 *   <li>A transient failure is retried inside the read, at most {@code attempts} times, waiting
 *       {@code retryDelay * 2^(k-1)} before retry k.</li>
 *   <li>Any other failure closes the driver; it is opened afresh (chip id, reset, calibration)
 *       on the next attempt, so a sensor that comes back is used again without a restart.
 *       Failed reads in a row back off: no device access before {@code backoffFirst * 2^(k-1)},
 *       capped at {@code backoffMax}.</li>
 *   <li>A value outside the physical range, refused by the driver (CRC), or repeated exactly
 *       {@code stuckAfter} times in a row (temperature, humidity, pressure) is REJECTED.</li>
 *   <li>Logging happens only on state changes: the sensor starts failing or answers again, a
 *       channel starts or stops being rejected.</li>
 * </ul>
 */
public final class GuardedSource implements SensorSource {
    private static final Set<Quantity> STUCK_CHECKED =
            EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE);

    private final String id;
    private final String type;
    private final List<Channel> channels;
    private final SensorDriver.Opener opener;
    private final GuardPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService worker;
    private final Backoff backoff;
    private final StuckDetector[] stuck;        // [channel]
    private final boolean[] rejectedBefore;     // [channel], for state-change logging
    private final AtomicBoolean busy = new AtomicBoolean();

    private SensorDriver driver;                // used on the worker thread only
    private volatile boolean reopen;
    private boolean failing;
    private String lastFailure = "";

    public GuardedSource(String id, String type, List<Channel> channels, SensorDriver.Opener opener,
                         GuardPolicy policy, Clock clock, Sleeper sleeper) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.channels = List.copyOf(channels);
        this.opener = Objects.requireNonNull(opener, "opener");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = new Backoff(policy.backoffFirst(), policy.backoffMax());
        this.stuck = new StuckDetector[this.channels.size()];
        for (int i = 0; i < stuck.length; i++) {
            stuck[i] = new StuckDetector(STUCK_CHECKED.contains(this.channels.get(i).quantity()) ? policy.stuckAfter() : 0);
        }
        this.rejectedBefore = new boolean[this.channels.size()];
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sensor-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Reading read() {
        Instant now = clock.instant();
        if (!backoff.mayAttempt(now)) {
            return allMissing(now, "not tried until " + backoff.nextAttempt() + " after " + backoff.failures()
                    + " failed reads in a row (last: " + lastFailure + ")");
        }
        if (busy.get()) {
            return failed(now, "an earlier read is still blocked in the driver");
        }
        Future<Sample> call;
        try {
            call = worker.submit(this::measureWithRetries);
        } catch (RejectedExecutionException e) {
            return allMissing(now, "source is closed");
        }
        try {
            Sample sample = call.get(policy.timeout().toNanos(), TimeUnit.NANOSECONDS);
            recovered();
            return evaluate(now, sample);
        } catch (TimeoutException e) {
            reopen = true;
            call.cancel(true);
            return failed(now, "timed out after " + Durations.format(policy.timeout()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return failed(now, cause instanceof SensorException ? cause.getMessage() : "driver error: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return allMissing(now, "interrupted");
        }
    }

    /** Runs on the worker thread. */
    private Sample measureWithRetries() throws SensorException, InterruptedException {
        busy.set(true);
        try {
            Duration delay = policy.retryDelay();
            for (int attempt = 1; ; attempt++) {
                try {
                    if (driver == null || reopen) {
                        closeDriver();
                        reopen = false;
                        driver = opener.open();
                    }
                    return driver.measure();
                } catch (SensorException e) {
                    if (!e.isTransient()) {
                        closeDriver();
                        throw e;
                    }
                    if (attempt >= policy.attempts()) {
                        throw SensorException.transientFailure(
                                e.getMessage() + " (" + attempt + (attempt == 1 ? " attempt)" : " attempts)"), e);
                    }
                } catch (RuntimeException e) {
                    closeDriver();
                    throw SensorException.failure("driver error: " + e, e);
                }
                sleeper.sleep(delay);
                delay = delay.multipliedBy(2);
            }
        } finally {
            busy.set(false);
        }
    }

    private void closeDriver() {
        if (driver != null) {
            SensorDriver d = driver;
            driver = null;
            d.close();
        }
    }

    private Reading evaluate(Instant now, Sample sample) {
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            ChannelReading r = check(i, c, sample);
            logRejectionChange(i, r);
            out.add(r);
        }
        return new Reading(now, out);
    }

    private ChannelReading check(int i, Channel c, Sample sample) {
        Quantity q = c.quantity();
        var refusal = sample.refusal(q);
        if (refusal.isPresent()) {
            return ChannelReading.rejected(c.name(), q, refusal.get());
        }
        var value = sample.value(q);
        if (value.isEmpty()) {
            return ChannelReading.missing(c.name(), q, "the driver delivered no " + q.channelName());
        }
        double v = value.get();
        if (!Double.isFinite(v)) {
            return ChannelReading.rejected(c.name(), q, "not a finite number: " + v);
        }
        PhysicalRange range = policy.ranges().get(q);
        if (range != null && !range.contains(v)) {
            return ChannelReading.rejected(c.name(), q,
                    v + " " + q.unit() + " is outside the physical range " + range + " " + q.unit() + " of a " + type);
        }
        if (stuck[i].offer(v)) {
            return ChannelReading.rejected(c.name(), q,
                    "stuck: the same value " + v + " " + q.unit() + " " + stuck[i].repeats() + " readings in a row");
        }
        return ChannelReading.ok(c.name(), q, v);
    }

    private void logRejectionChange(int i, ChannelReading r) {
        boolean rejected = !r.isOk();
        if (rejected != rejectedBefore[i]) {
            rejectedBefore[i] = rejected;
            if (rejected) {
                Logger.warn("sensor {} ({}): channel {} rejected: {}", id, type, r.name(), r.reason());
            } else {
                Logger.info("sensor {} ({}): channel {} is OK again", id, type, r.name());
            }
        }
    }

    private void recovered() {
        if (failing) {
            Logger.info("sensor {} ({}) answers again after {} failed reads", id, type, backoff.failures());
            failing = false;
        }
        backoff.succeeded();
    }

    private Reading failed(Instant now, String reason) {
        backoff.failed(now);
        lastFailure = reason;
        if (!failing) {
            failing = true;
            Logger.warn("sensor {} ({}) failed: {}; its channels are missing until it answers again", id, type, reason);
        }
        return allMissing(now, reason);
    }

    private Reading allMissing(Instant now, String reason) {
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            out.add(ChannelReading.missing(c.name(), c.quantity(), reason));
        }
        return new Reading(now, out);
    }

    @Override
    public void close() {
        worker.execute(this::closeDriver);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(policy.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
                Logger.warn("sensor {} ({}): driver still blocked at close; abandoned", id, type);
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
