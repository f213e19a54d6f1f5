package io.nowcast.runtime.station;

import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured sensors as the station's feed: source i is read every {@code interval_i}, on the
 * grid of multiples of its interval since the epoch; the station's channels are every source's
 * channels, in configuration order. Sources never throw (a fault is a MISSING or REJECTED channel),
 * so a sensor fault reaches the station as a reading that is not ok.
 */
public final class SensorFeed implements ReadingFeed {
    private final List<SensorSource> sources;
    private final long[] intervalMillis; // [source]
    private final long[] nextDueMillis; // [source], epoch ms
    private final int[] firstChannel; // [source]: index of its first channel in channels()
    private final List<Channel> channels;

    /**
     * @param configs the configuration of each source, in the same order
     * @throws ConfigException naming the file and line when two sensors deliver a channel of the same name
     */
    public SensorFeed(List<SensorSource> sources, List<SensorConfig> configs) throws ConfigException {
        this.sources = List.copyOf(sources);
        this.intervalMillis = new long[sources.size()];
        this.nextDueMillis = new long[sources.size()];
        this.firstChannel = new int[sources.size()];
        List<Channel> all = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SensorSource s = sources.get(i);
            intervalMillis[i] = Math.max(1, configs.get(i).interval().toMillis());
            nextDueMillis[i] = Long.MIN_VALUE;
            firstChannel[i] = all.size();
            for (io.nowcast.sensors.Channel c : s.channels()) {
                String previous = owner.put(c.name(), s.id());
                if (previous != null) {
                    throw new ConfigException(configs.get(i).where("channels") + ": sensor " + previous
                            + " delivers a channel '" + c.name() + "' too; rename one with sensor.<id>.channels (see docs/sensors.md)");
                }
                all.add(new Channel(c.name(), c.quantity().unit(), c.quantity().aggregation()));
            }
        }
        this.channels = List.copyOf(all);
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Instant poll(Instant now, Sink sink) throws IOException {
        long nowMillis = now.toEpochMilli();
        long next = Long.MAX_VALUE;
        for (int i = 0; i < sources.size(); i++) {
            if (nowMillis >= nextDueMillis[i]) {
                Reading r = sources.get(i).read();
                List<ChannelReading> values = r.channels();
                for (int j = 0; j < values.size(); j++) {
                    ChannelReading v = values.get(j);
                    sink.reading(firstChannel[i] + j, r.time(), v.value(), v.isOk());
                }
                nextDueMillis[i] = Math.floorDiv(nowMillis, intervalMillis[i]) * intervalMillis[i] + intervalMillis[i];
            }
            next = Math.min(next, nextDueMillis[i]);
        }
        return Instant.ofEpochMilli(next);
    }

    @Override
    public void close() {
        sources.forEach(SensorSource::close);
    }
}
