package io.nowcast.runtime.station;

import io.nowcast.engine.Engine;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.sensors.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.tinylog.Logger;

/**
 * A station's parts put together: its data directory (locked against a second process), the
 * outbox, the per-interval {@link Station} and the {@link MqttPublisher} that drains the outbox.
 * Feeding readings in is the caller's ({@link StationLoop}).
 */
public final class StationService implements AutoCloseable {
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Outbox outbox;
    private final Station station;
    private final MqttPublisher publisher;

    private StationService(FileChannel lockChannel, FileLock lock, Outbox outbox, Station station, MqttPublisher publisher) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.outbox = outbox;
        this.station = station;
        this.publisher = publisher;
    }

    /**
     * Opens the data directory and starts publishing (the publisher connects in the background).
     *
     * @throws ConfigException when another station process holds the data directory
     * @throws io.nowcast.runtime.station.mqtt.BrokerException when the TLS files cannot be used
     */
    public static StationService start(StationConfig s, ModelInfo info, Engine engine, List<Channel> channels)
            throws IOException {
        Files.createDirectories(s.dataDir());
        FileChannel lockChannel = FileChannel.open(s.dataDir().resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new ConfigException(s.dataDir() + ": another nowcast station is running with this data directory");
        }
        Outbox outbox = Outbox.open(s.dataDir().resolve("outbox"), s.outboxMaxBytes());
        Station station = new Station(s.stationId(), info, engine, channels, outbox, s.dataDir(), s.maxFilledIntervals(),
                s.historyKeepMonths());
        StationTopics topics = station.topics();
        List<RetainedMessage> discovery = s.discovery()
                ? HomeAssistantDiscovery.configs(s.discoveryPrefix(), topics, channels, info,
                        s.expireAfterIntervals() * info.model().intervalSeconds())
                : List.of();
        MqttPublisher publisher = new MqttPublisher(s.broker(), topics, outbox,
                List.of(new RetainedMessage(topics.model(), Payloads.model(s.stationId(), info))), discovery,
                s.discoveryPrefix() + "/status");
        Logger.info("Station {}: model {} ({}), engine {}, {} channels, {} messages wait in the outbox, {} dropped at its bound so far",
                s.stationId(), info.name(), info.sha256().substring(0, 12), info.engine(), channels.size(), outbox.pending(),
                outbox.dropped());
        publisher.start();
        return new StationService(lockChannel, lock, outbox, station, publisher);
    }

    public Station station() {
        return station;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Stops publishing (status offline) and closes the files. What is undelivered stays in the outbox. */
    @Override
    public void close() throws IOException {
        publisher.close();
        station.close();
        outbox.close();
        lock.release();
        lockChannel.close();
    }
}
