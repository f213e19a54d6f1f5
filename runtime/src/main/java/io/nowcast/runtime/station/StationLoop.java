package io.nowcast.runtime.station;

import java.io.IOException;
import java.time.Instant;
import org.tinylog.Logger;

/**
 * Runs a station: polls the feed when a sensor is due, closes each interval when it ends, waits in
 * between (on a monitor that {@link #stop()} wakes: the station thread is never interrupted, since
 * an interrupt would close the outbox's file channel in the middle of a write). A failure to write (disk full, I/O error) is logged and the loop goes on with the next
 * interval; it never ends the process.
 */
public final class StationLoop {
    private final Station station;
    private final ReadingFeed feed;
    private final StationClock clock;
    private final Object wake = new Object();
    private volatile boolean stopped;

    public StationLoop(Station station, ReadingFeed feed, StationClock clock) {
        this.station = station;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * Runs until {@link #stop()} or until {@code maxForecasts} forecasts have been made (0: no limit).
     */
    public void run(long maxForecasts) throws InterruptedException {
        while (!stopped && (maxForecasts <= 0 || station.forecasts() < maxForecasts)) {
            Instant now = clock.instant();
            Instant nextDue = now.plusSeconds(1);
            try {
                nextDue = feed.poll(now, station::reading);
                station.advanceTo(now);
            } catch (IOException e) {
                Logger.error("Station: could not store the interval's messages: {}; going on", e.getMessage());
            }
            Instant next = nextDue.isBefore(station.closesAt()) ? nextDue : station.closesAt();
            long nanos = clock.wallNanosUntil(next);
            synchronized (wake) {
                if (!stopped && nanos > 0) {
                    wake.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        }
    }

    /** Ends {@link #run} promptly (it is waiting on a monitor, not sleeping), from any thread. */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
