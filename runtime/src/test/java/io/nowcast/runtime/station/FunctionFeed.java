package io.nowcast.runtime.station;

import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongToDoubleFunction;

/**
 * A feed for skill tests: each channel's value a function of the reading's time (epoch seconds),
 * read every {@code sampleSeconds} on the grid of its multiples; a channel's reading is marked
 * rejected where its {@code rejected} predicate holds.
 */
final class FunctionFeed implements ReadingFeed {
    private final long sampleSeconds;
    private final List<Channel> channels;
    private final List<LongToDoubleFunction> values;
    private final List<LongPredicate> rejected;
    private long lastSample = Long.MIN_VALUE;

    FunctionFeed(long sampleSeconds, List<Channel> channels, List<LongToDoubleFunction> values, List<LongPredicate> rejected) {
        this.sampleSeconds = sampleSeconds;
        this.channels = channels;
        this.values = values;
        this.rejected = rejected;
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Instant poll(Instant now, Sink sink) throws java.io.IOException {
        long due = Math.floorDiv(now.getEpochSecond(), sampleSeconds) * sampleSeconds;
        if (due > lastSample) {
            lastSample = due;
            for (int c = 0; c < channels.size(); c++) {
                boolean bad = rejected.get(c).test(due);
                sink.reading(c, Instant.ofEpochSecond(due), bad ? Double.NaN : values.get(c).applyAsDouble(due), !bad);
            }
        }
        return Instant.ofEpochSecond(lastSample + sampleSeconds);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
