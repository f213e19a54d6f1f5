package io.nowcast.runtime.station;

import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.doctor.NtpStatus;
import io.nowcast.runtime.sensors.SensorBrokers;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.update.ModelStore;
import io.nowcast.runtime.station.update.ModelUpdates;
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
    private final ModelStore store;
    private final ModelUpdates updates; // null: model.update.* not set

    private StationRunner(Pi4jPlatform platform, SensorFeed feed, StationService service, StationLoop loop,
            ModelStore store, ModelUpdates updates) {
        this.platform = platform;
        this.feed = feed;
        this.service = service;
        this.loop = loop;
        this.store = store;
        this.updates = updates;
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
        ModelInfo base = ModelInfo.load(c.modelFile(), c.engine()); // a bad model.file: one line, before anything opens
        ModelStore store = ModelStore.open(c.dataDir(), c.modelFile());
        Pi4jPlatform platform = null;
        SensorFeed feed = null;
        StationService service = null;
        ModelUpdates updates = null;
        try {
            ModelInfo info = store.current().version() == 0 ? base // model.file, or the update taken last
                    : ModelInfo.load(store.current().file(), c.engine());
            platform = new Pi4jPlatform();
            List<SensorSource> sources = new SensorFactory(platform.hardware(), clock,
                    SensorBrokers.forStation(c.broker(), env)).createAll(c.sensors());
            feed = new SensorFeed(sources, c.sensors());
            try {
                service = StationService.start(c, info, EngineKind.of(c.engine()).create(info.model()), feed.channels(),
                        clock);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(store.current().file() + ": " + e.getMessage());
            }
            StationLoop loop = new StationLoop(service.station(), feed, clock,
                    ClockTrust.of(c.requireClockSync(), clock, NtpStatus.timedatectl()));
            if (c.updates() != null) {
                updates = new ModelUpdates(c.stationId(), c.updates(), store, info, feed.channels(), c.engine(),
                        clock::instant);
                loop.takeUpdates(updates);
                updates.listen(c.broker());
            }
            return new StationRunner(platform, feed, service, loop, store, updates);
        } catch (IOException | RuntimeException e) {
            if (updates != null) {
                updates.close();
            }
            if (service != null) {
                service.close();
            }
            if (feed != null) {
                feed.close();
            }
            if (platform != null) {
                platform.close();
            }
            store.close();
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
            if (updates != null) {
                updates.close();
            }
            service.close();
        } finally {
            try {
                feed.close();
                platform.close();
            } finally {
                store.close();
            }
        }
    }
}
