package io.nowcast.runtime.doctor;

import io.nowcast.runtime.sensors.SensorBrokers;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.SensorFeed;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A station's configuration as {@code nowcast run} takes it, before anything runs: the file read and
 * checked ({@link StationConfig}), its sensors built (building talks to no hardware) and the
 * station's channels ({@link SensorFeed}, which refuses two sensors delivering the same channel).
 */
final class StationSetup implements AutoCloseable {
    final StationConfig config;
    final List<SensorSource> sources; // [sensor], in the order of config.sensors()
    final List<Channel> channels;
    private final SensorFeed feed;

    private StationSetup(StationConfig config, List<SensorSource> sources, SensorFeed feed) {
        this.config = config;
        this.sources = sources;
        this.channels = feed.channels();
        this.feed = feed;
    }

    /** @throws ConfigException naming the file, line and key, as {@code nowcast run} would stop with */
    static StationSetup open(Path file, Map<String, String> env, Hardware hardware) throws ConfigException {
        StationConfig c = StationConfig.load(file, env);
        List<SensorSource> sources = new SensorFactory(hardware, Clock.systemUTC(),
                SensorBrokers.forCheck(c.broker(), c.broker().clientId(), env)).createAll(c.sensors());
        try {
            return new StationSetup(c, sources, new SensorFeed(sources, c.sensors()));
        } catch (ConfigException e) {
            sources.forEach(SensorSource::close);
            throw e;
        }
    }

    /** Releases the sensors. */
    @Override
    public void close() {
        feed.close();
    }
}
