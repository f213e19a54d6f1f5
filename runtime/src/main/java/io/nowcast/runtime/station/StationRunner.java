package io.nowcast.runtime.station;

import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.doctor.NtpStatus;
import io.nowcast.runtime.sensors.SensorBrokers;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.ConfigException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
        return open(c, clock, System.getenv());
    }

    /**
     * @param env the environment, for an mqtt sensor's {@code password_env}
     */
    public static StationRunner open(StationConfig c, StationClock clock, Map<String, String> env) throws IOException {
        ModelInfo info = ModelInfo.load(c.modelFile(), c.engine());
        Pi4jPlatform platform = new Pi4jPlatform();
        SensorFeed feed = null;
        try {
            List<SensorSource> sources = new SensorFactory(platform.hardware(), clock,
                    SensorBrokers.forStation(c.broker(), env)).createAll(c.sensors());
            feed = new SensorFeed(sources, c.sensors());
            StationService service;
            try {
                service = StationService.start(c, info, EngineKind.of(c.engine()).create(info.model()), feed.channels(),
                        clock);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.modelFile() + ": " + e.getMessage());
            }
            return new StationRunner(platform, feed, service, new StationLoop(service.station(), feed, clock,
                    ClockTrust.of(c.requireClockSync(), clock, NtpStatus.timedatectl())));
        } catch (IOException | RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            platform.close();
            throw e;
        }
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
