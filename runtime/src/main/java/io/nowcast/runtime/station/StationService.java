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
import java.nio.charset.StandardCharsets;
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
    /** Outbox segments per bound ({@code Outbox}: the oldest segment is what the bound drops). */
    static final int OUTBOX_SEGMENTS = 8;
    /** Bytes of an outbox record besides its topic and payload (RecordCodec: header 16, seq 8, topic length 2). */
    static final int OUTBOX_RECORD_OVERHEAD = 26;

    private final Station station;
    private final MqttPublisher publisher;
    private final DirectUplink uplink;

    private StationService(FileChannel lockChannel, FileLock lock, Outbox outbox, Station station, MqttPublisher publisher,
            DirectUplink uplink) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.outbox = outbox;
        this.station = station;
        this.publisher = publisher;
        this.uplink = uplink;
    }

    /**
     * Refuses a model (or a set of channels) whose largest message does not fit in one outbox
     * segment ({@code outbox.max_bytes} / 8), which the outbox could never take.
     *
     * @throws ConfigException saying how large the bound must be
     */
    public static void checkMessageSizes(StationConfig s, ModelInfo info, List<Channel> channels) throws ConfigException {
        StationTopics topics = new StationTopics(s.stationId());
        long segment = s.outboxMaxBytes() / OUTBOX_SEGMENTS;
        long forecast = recordBytes(topics.forecast(), Payloads.largestForecast(s.stationId(), info));
        long observation = recordBytes(topics.observation(), Payloads.largestObservation(s.stationId(),
                info.model().intervalSeconds(), channels));
        long largest = Math.max(forecast, observation);
        if (largest > segment) {
            String what = forecast >= observation
                    ? "a forecast of its " + info.model().outputCount() + " outputs (and " + info.model().inputCount()
                            + " inputs, each possibly gap-filled)"
                    : "an observation of the " + channels.size() + " channels";
            throw new ConfigException(s.modelFile() + ": " + what + " can take " + largest + " bytes in the outbox, more "
                    + "than one outbox segment holds (" + segment + " bytes = outbox.max_bytes / " + OUTBOX_SEGMENTS
                    + "); set outbox.max_bytes to at least " + largest * OUTBOX_SEGMENTS);
        }
    }

    private static long recordBytes(String topic, int payloadBytes) {
        return OUTBOX_RECORD_OVERHEAD + topic.getBytes(StandardCharsets.UTF_8).length + (long) payloadBytes;
    }

    /**
     * Opens the data directory and starts publishing (the publisher connects in the background).
     *
     * @throws ConfigException when another station process holds the data directory
     * @throws io.nowcast.broker.BrokerException when the TLS files cannot be used
     */
    public static StationService start(StationConfig s, ModelInfo info, Engine engine, List<Channel> channels)
            throws IOException {
        return start(s, info, engine, channels, null);
    }

    /**
     * As {@link #start(StationConfig, ModelInfo, Engine, List)}, with the clock whose state the health reports.
     */
    public static StationService start(StationConfig s, ModelInfo info, Engine engine, List<Channel> channels,
            StationClock clock) throws IOException {
        checkMessageSizes(s, info, channels);
        Files.createDirectories(s.dataDir());
        FileChannel lockChannel = FileChannel.open(s.dataDir().resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new ConfigException(s.dataDir() + ": another nowcast station is running with this data directory");
        }
        Outbox outbox;
        Station station;
        try {
            outbox = Outbox.open(s.dataDir().resolve("outbox"), s.outboxMaxBytes());
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
        try {
            station = new Station(s.stationId(), info, engine, channels, outbox, s.dataDir(), s.maxFilledIntervals(),
                    s.historyKeepMonths(), s.skill());
        } catch (IOException | RuntimeException e) {
            outbox.close();
            lock.release();
            lockChannel.close();
            throw e;
        }
        try {
            StationTopics topics = station.topics();
            List<RetainedMessage> discovery = new java.util.ArrayList<>();
            if (s.discovery()) {
                discovery.addAll(HomeAssistantDiscovery.configs(s.discoveryPrefix(), topics, channels, info,
                        s.expireAfterIntervals() * info.model().intervalSeconds()));
                discovery.addAll(HealthDiscovery.configs(s.discoveryPrefix(), topics));
                discovery.addAll(HealthDiscovery.skillConfigs(s.discoveryPrefix(), topics, info));
            }
            // The retained model message is the station's (Station#attach): it changes when the model does.
            MqttPublisher publisher = new MqttPublisher(s.broker(), topics, outbox, List.of(), discovery,
                    s.discoveryPrefix() + "/status", s.dataDir().resolve(MqttPublisher.DEAD_LETTER_FILE));
            Logger.info("Station {}: model {} ({}), engine {}, {} channels, {} messages wait in the outbox, {} dropped at "
                    + "its bound so far; seq stream epoch {}", s.stationId(), info.name(), info.sha256().substring(0, 12),
                    info.engine(), channels.size(), outbox.pending(), outbox.dropped(), station.epoch());
            DirectUplink uplink = new DirectUplink(s.broker(), outbox, station.memory(), publisher);
            publisher.start();
            uplink.start();
            station.attach(uplink, clock);
            return new StationService(lockChannel, lock, outbox, station, publisher, uplink);
        } catch (IOException | RuntimeException e) {
            station.close();
            outbox.close();
            lock.release();
            lockChannel.close();
            throw e;
        }
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
        uplink.close();
        publisher.close();
        station.close();
        outbox.close();
        lock.release();
        lockChannel.close();
    }
}
