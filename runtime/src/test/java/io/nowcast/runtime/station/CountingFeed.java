package io.nowcast.runtime.station;

import java.time.Instant;
import java.util.List;

/**
 * A feed of the three test channels sampled every {@code sampleSeconds} of station time, on the
 * grid of multiples of it, that counts what it did: turns that polled it, and readings given.
 * Values: temperature = 10 + the reading's number (so that a row's mean tells which readings went
 * into it), humidity 60, pressure 1000.
 */
final class CountingFeed implements ReadingFeed {
    private final long sampleSeconds;
    private long lastSample = Long.MIN_VALUE;
    volatile long polls;
    volatile long readings; // sensor reads, each giving one value per channel
    final java.util.List<Instant> times = new java.util.ArrayList<>(); // of each read

    CountingFeed(long sampleSeconds) {
        this.sampleSeconds = sampleSeconds;
    }

    @Override
    public List<Channel> channels() {
        return TestModels.CHANNELS;
    }

    @Override
    public Instant poll(Instant now, Sink sink) throws java.io.IOException {
        polls++;
        long due = Math.floorDiv(now.getEpochSecond(), sampleSeconds) * sampleSeconds;
        if (due > lastSample) {
            lastSample = due;
            readings++;
            times.add(now);
            sink.reading(0, now, 10 + readings, true);
            sink.reading(1, now, 60, true);
            sink.reading(2, now, 1000, true);
        }
        return Instant.ofEpochSecond(lastSample + sampleSeconds);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
