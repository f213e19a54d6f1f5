package io.nowcast.runtime.station;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A deterministic stand-in for sensors in station process tests: temperature, humidity and
 * pressure as smooth functions of time, sampled every {@code sampleSeconds} on the epoch grid.
 * Humidity is marked rejected during [faultFrom, faultTo) to inject a sensor fault.
 */
final class SyntheticFeed implements ReadingFeed {
    private final long sampleSeconds;
    private final Instant faultFrom;
    private final Instant faultTo;
    private long lastSample = Long.MIN_VALUE;

    SyntheticFeed(long sampleSeconds, Instant faultFrom, Instant faultTo) {
        this.sampleSeconds = sampleSeconds;
        this.faultFrom = faultFrom;
        this.faultTo = faultTo;
    }

    @Override
    public List<Channel> channels() {
        return TestModels.CHANNELS;
    }

    @Override
    public Instant poll(Instant now, Sink sink) throws IOException {
        long due = Math.floorDiv(now.getEpochSecond(), sampleSeconds) * sampleSeconds;
        if (due > lastSample) {
            lastSample = due;
            Instant t = Instant.ofEpochSecond(due);
            double day = 2 * Math.PI * due / 86_400.0;
            boolean fault = !t.isBefore(faultFrom) && t.isBefore(faultTo);
            sink.reading(0, t, 10 + 5 * Math.sin(day), true);
            sink.reading(1, t, fault ? Double.NaN : 70 + 10 * Math.cos(day), !fault);
            sink.reading(2, t, 1013 + Math.sin(day / 3), true);
        }
        return Instant.ofEpochSecond(lastSample + sampleSeconds);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
