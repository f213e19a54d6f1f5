package io.nowcast.runtime.station;

import io.nowcast.runtime.station.update.ModelUpdates;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Runs a station: polls the feed when a sensor is due, closes each interval when it ends, waits in
 * between (on a monitor that {@link #stop()} wakes: the station thread is never interrupted, since
 * an interrupt would close the outbox's file channel in the middle of a write).
 *
 * <p>Waits are measured on the monotonic clock ({@link StationClock#waitNanos}), at most ten seconds
 * of real time each, so that a step of the wall clock is seen within ten seconds; the times compared
 * are the station's, which never go back. One turn never leaves work due behind it: a failure to
 * store (full disk, read-only file system) is the station's to record ({@link Station}), and the
 * interval is closed all the same, so the loop never spins.
 *
 * <p>Before the first reading, the loop waits for the clock to be trusted ({@link ClockTrust}): no
 * reading is taken and nothing is published with a time from a clock that systemd says is not
 * synchronised.
 */
public final class StationLoop {
    /** The longest single wait, real time: bounds how late a step of the wall clock is noticed. */
    static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How often the clock's synchronisation is asked while waiting for it, real time. */
    static final long CLOCK_POLL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Station station;
    private final ReadingFeed feed;
    private final StationClock clock;
    private final ClockTrust trust;
    private final Object wake = new Object();
    private volatile boolean stopped;
    private volatile long turns;
    private boolean feedFailing;
    private long clockPollMillis = CLOCK_POLL_NANOS / 1_000_000;
    private UpdateSwaps updates; // null: no model update is taken

    /** A loop that does not ask whether the clock is synchronised (accelerated clocks, tests). */
    public StationLoop(Station station, ReadingFeed feed, StationClock clock) {
        this(station, feed, clock, ClockTrust.notChecked(clock));
    }

    public StationLoop(Station station, ReadingFeed feed, StationClock clock, ClockTrust trust) {
        this.station = station;
        this.feed = feed;
        this.clock = clock;
        this.trust = trust;
    }

    /** Takes the station's model updates between two intervals (docs/updates.md); before {@link #run}. */
    public void takeUpdates(ModelUpdates u) {
        updates = new UpdateSwaps(station, u);
    }

    /**
     * Runs until {@link #stop()} or until {@code maxForecasts} forecasts have been made (0: no limit).
     */
    public void run(long maxForecasts) throws InterruptedException {
        if (!awaitTrustedClock()) {
            return;
        }
        long closed = station.observations();
        while (!stopped && (maxForecasts <= 0 || station.forecasts() < maxForecasts)) {
            Instant next = turn();
            if (trust.asks() && station.observations() != closed) {
                closed = station.observations(); // once an interval: has the clock lost its synchronisation?
                ClockTrust.Answer a = trust.ask();
                station.clockState(a.state(), a.detail(), clock.instant());
            }
            long nanos = Math.min(clock.waitNanos(next), MAX_WAIT_NANOS);
            synchronized (wake) {
                if (!stopped && nanos > 0) {
                    wake.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        }
    }

    /**
     * One turn: reads the sensors that are due, closes the intervals that have ended.
     *
     * @return the station time of the next turn: the next sensor due, or the end of the interval
     *         being collected, whichever comes first (never now or earlier unless one is due then)
     */
    public Instant turn() {
        turns = turns + 1; // one writer: the loop's thread
        Instant now = clock.instant();
        Instant nextDue;
        try {
            nextDue = feed.poll(now, station::reading);
            if (feedFailing) {
                feedFailing = false;
                Logger.info("Station: the sensors are read again");
            }
        } catch (IOException e) {
            nextDue = now.plusSeconds(1);
            if (!feedFailing) {
                feedFailing = true;
                Logger.error("Station: reading the sensors failed: {}; trying again every second (logged once)",
                        Station.describe(e));
            }
        }
        station.advanceTo(now);
        if (updates != null) {
            updates.turn(now); // the model taken runs from the next interval closed
        }
        Instant closes = station.closesAt();
        return nextDue.isBefore(closes) ? nextDue : closes;
    }

    /** How often to ask whether the clock is synchronised while waiting for it (tests ask faster). */
    void clockPoll(java.time.Duration every) {
        clockPollMillis = Math.max(1, every.toMillis());
    }

    /** Turns taken so far. */
    public long turns() {
        return turns;
    }

    /**
     * Waits until the clock is trusted (or nobody can say, or it need not be), asking every
     * {@link #CLOCK_POLL_NANOS} (10 s); the health says why meanwhile.
     *
     * @return false when stopped while waiting
     */
    private boolean awaitTrustedClock() throws InterruptedException {
        boolean logged = false;
        while (!stopped) {
            ClockTrust.Answer a = trust.ask();
            station.clockState(a.state(), a.detail(), clock.instant());
            if (a.state() != StationHealth.ClockState.UNSYNCHRONISED) {
                if (logged) {
                    Logger.info("Clock: {}; the station starts", a.detail());
                }
                return true;
            }
            if (!logged) {
                logged = true;
                Logger.warn("Clock: {}; the station waits and reads no sensor until it is synchronised (or set "
                        + "station.require_clock_sync = false)", a.detail());
            }
            synchronized (wake) {
                if (!stopped) {
                    wake.wait(clockPollMillis);
                }
            }
        }
        return false;
    }

    /** Ends {@link #run} promptly (it is waiting on a monitor, not sleeping), from any thread. */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
