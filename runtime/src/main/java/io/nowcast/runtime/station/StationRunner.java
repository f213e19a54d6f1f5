package io.nowcast.runtime.station;

import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.config.ConfigException;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.config.SensorConfigException;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.tinylog.Logger;

/**
 * Everything {@code nowcast run} does, from a validated configuration: builds the sensors, loads the
 * model and its engine, starts the service and runs the loop until stopped.
 */
public final class StationRunner implements AutoCloseable {
    private final Pi4jPlatform platform;
    private final SensorFeed feed;
    private final StationService service;
    private final StationLoop loop;

    private StationRunner(Pi4jPlatform platform, SensorFeed feed, StationService service, StationLoop loop) {
        this.platform = platform;
        this.feed = feed;
        this.service = service;
        this.loop = loop;
    }

    /**
     * Checks everything a station needs before it starts: sensors, model, the model's inputs
     * against the channels, broker TLS files.
     *
     * @throws ConfigException with one line naming what is wrong
     */
    public static StationRunner open(StationConfig c, StationClock clock) throws IOException {
        List<SensorConfig> sensorConfigs = sensorConfigs(c);
        ModelInfo info = ModelInfo.load(c.modelFile(), c.engine());
        Pi4jPlatform platform = new Pi4jPlatform();
        SensorFeed feed = null;
        try {
            List<SensorSource> sources;
            try {
                sources = new SensorFactory(platform.hardware(), clock).createAll(sensorConfigs);
            } catch (SensorConfigException e) {
                throw new ConfigException(e.getMessage());
            }
            feed = new SensorFeed(sources, sensorConfigs.stream().map(SensorConfig::interval).toList());
            StationService service;
            try {
                service = StationService.start(c, info, EngineKind.of(c.engine()).create(info.model()), feed.channels());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.modelFile() + ": " + e.getMessage());
            }
            return new StationRunner(platform, feed, service, new StationLoop(service.station(), feed, clock));
        } catch (IOException | RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            platform.close();
            throw e;
        }
    }

    private static List<SensorConfig> sensorConfigs(StationConfig c) throws ConfigException {
        Properties p = new Properties();
        c.sensorEntries().forEach(e -> p.setProperty(e.key(), e.value()));
        List<SensorConfig> configs;
        try {
            configs = SensorConfig.fromProperties(p, c.source());
        } catch (SensorConfigException e) {
            throw new ConfigException(e.getMessage());
        }
        if (configs.isEmpty()) {
            throw new ConfigException(c.source() + ": no sensor configured (add sensor.<id>.type = ..., see docs/station.md)");
        }
        return configs;
    }

    public StationService service() {
        return service;
    }

    /** Runs until {@link #stop()} or until {@code maxForecasts} forecasts (0: no limit). */
    public void run(long maxForecasts) throws InterruptedException {
        Logger.info("Station {}: forecasting starts once {} intervals of {} s are in the window",
                service.station().topics().stationId(), service.station().window(), service.station().intervalSeconds());
        loop.run(maxForecasts);
    }

    public void stop() {
        loop.stop();
    }

    /** Stops publishing (status offline), releases the sensors and the data directory. */
    @Override
    public void close() throws IOException {
        try {
            service.close();
        } finally {
            feed.close();
            platform.close();
        }
    }
}
