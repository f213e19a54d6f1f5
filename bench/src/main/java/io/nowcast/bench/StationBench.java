package io.nowcast.bench;

import com.sun.management.OperatingSystemMXBean;
import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.DemoBroker;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.Station;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.skill.LiveSkill;
import io.nowcast.runtime.station.skill.SkillSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The station end to end, at the demo model's size (runtime's /demo/demo.ncm: 5 inputs, one ISRU
 * LSTM layer of 16, window 24 x 10 min, 2 outputs): from the reading that completes an interval
 * to the broker's PUBACK of the forecast made from it. One operation = the last reading of the
 * interval, closing it (observation and forecast appended to the outbox with fsync, seq file,
 * CSV history, engine.predict, JSON), then waiting until the publisher has had both messages
 * acknowledged by a real Mosquitto on loopback. The other nine readings of the interval are fed
 * before each operation (Level.Invocation: the operation takes milliseconds).
 *
 * <p>{@code skill}: {@code on} keeps live skill as a station does (each closed interval scores the
 * forecasts made for it against its observation, judges the model against persistence, writes the
 * changed hour of the skill record in place with a forced write, and hands the skill JSON to the
 * uplink, here none); {@code off} keeps none, to measure what live skill adds. {@link #skillInterval}
 * is that work alone, as the station does it each interval, without the rest of the interval and
 * without waiting for the broker: one operation scores the forecasts due, judges, writes the changed
 * row of the record (forced once an hour of station time), registers a forecast, adds the reasons and
 * makes the skill payload (with {@code skill = off} there is none to do).
 *
 * <p>Aux counters (sums over the iteration; divide by {@code forecasts}): {@code processCpuUs},
 * CPU time of the whole JVM during the operations (station, publisher and Paho threads, GC, JIT);
 * {@code stationCpuUs}, CPU time of the station's own thread only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx64m", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StationBench {
    private static final long DT = 600; // the demo model's interval, s
    private static final int READINGS = 10; // per interval: one a minute

    @Param({"float", "q16"})
    public String engine;

    /**
     * Where the data directory (outbox, seq, history) lives: "disk" = java.io.tmpdir, here ext4 on
     * the machine's virtual disk, every fsync a real flush; "tmpfs" = /dev/shm, where fsync costs
     * nothing, to show what is computation and what is waiting for the disk.
     */
    @Param({"disk", "tmpfs"})
    public String storage;

    /** Live skill kept ("on", as {@code nowcast run} does) or not ("off"). */
    @Param({"off", "on"})
    public String skill;

    private Path dir;
    private DemoBroker broker;
    private Outbox outbox;
    private Station station;
    private MqttPublisher publisher;
    private final Object ackLock = new Object();
    private long ackedForecast = -1; // seq of the last forecast the broker acknowledged, under ackLock
    private long interval = 1_000_000; // k: the interval being fed, labelled k·Δ
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU time sums, reported by JMH per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long processCpuUs;
        public long stationCpuUs;
        public long forecasts;

        @Setup(Level.Iteration)
        public void clear() {
            processCpuUs = 0;
            stationCpuUs = 0;
            forecasts = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = storage.equals("tmpfs") ? Files.createTempDirectory(Path.of("/dev/shm"), "nowcast-station-bench-")
                : Files.createTempDirectory("nowcast-station-bench-");
        Files.createDirectories(dir.resolve("broker"));
        broker = DemoBroker.start(dir.resolve("broker"), new PrintWriter(System.out, true));
        byte[] model;
        try (InputStream in = Station.class.getResourceAsStream("/demo/demo.ncm")) {
            model = in.readAllBytes();
        }
        ModelInfo info = ModelInfo.of("demo.ncm", model, engine);
        outbox = Outbox.open(dir.resolve("outbox"), 64L << 20);
        List<Channel> channels = List.of(new Channel("temperature", "°C"), new Channel("humidity", "%RH"),
                new Channel("pressure", "hPa"));
        station = new Station("bench", info, EngineKind.of(engine).create(info.model()), channels, outbox, dir, 2, 13,
                skill.equals("on") ? SkillSettings.DEFAULT : null);
        publisher = new MqttPublisher(BrokerSettings.plain(broker.uri(), "bench"), station.topics(), outbox, List.of(),
                List.of(), "homeassistant/status");
        publisher.onAck((entry, nanoTime) -> {
            if (entry.topic().endsWith("/forecast")) {
                synchronized (ackLock) {
                    ackedForecast = entry.seq();
                    ackLock.notifyAll();
                }
            }
        });
        publisher.start();
        for (int k = 0; k < 24; k++) { // fill the window: from the next interval on, each makes a forecast
            feedFirstReadings();
            lastReadingAndClose();
        }
    }

    /** Smooth weather-like values of minute m. */
    private void reading(int j) throws IOException {
        long t = interval * DT - 300 + 60L * j;
        double day = 2 * Math.PI * t / 86_400.0;
        Instant at = Instant.ofEpochSecond(t);
        station.reading(0, at, 10 + 5 * Math.sin(day), true);
        station.reading(1, at, 70 + 10 * Math.cos(day), true);
        station.reading(2, at, 1013 + 3 * Math.sin(day / 5), true);
    }

    @Setup(Level.Invocation)
    public void feedFirstReadings() throws IOException {
        for (int j = 0; j < READINGS - 1; j++) {
            reading(j);
        }
    }

    private void lastReadingAndClose() throws IOException {
        reading(READINGS - 1);
        station.advanceTo(Instant.ofEpochSecond(interval * DT + 300));
        interval++;
    }

    @Benchmark
    public long readingToAck(Cpu cpu) throws IOException, InterruptedException {
        long process0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long expected = station.forecasts();
        lastReadingAndClose();
        long thread1 = threads.getCurrentThreadCpuTime();
        long acked;
        synchronized (ackLock) { // blocks, so that waiting costs no CPU
            while (ackedForecast < expected) {
                ackLock.wait();
            }
            acked = ackedForecast;
        }
        cpu.processCpuUs += (os.getProcessCpuTime() - process0) / 1000;
        cpu.stationCpuUs += (thread1 - thread0) / 1000;
        cpu.forecasts++;
        return acked;
    }

    private final double[] measured = new double[3];
    private final float[] modelOutputs = new float[2];
    private final List<String> reasons = new java.util.ArrayList<>();
    private long skillTime = 4_000_000_000L; // station time of skillInterval's interval, epoch seconds (year 2096)

    /** One interval's live skill work alone (see the class comment). */
    @Benchmark
    public int skillInterval() throws IOException {
        LiveSkill skill = station.skill();
        if (skill == null) {
            return 0;
        }
        skillTime += DT;
        double day = 2 * Math.PI * skillTime / 86_400.0;
        measured[0] = 10 + 5 * Math.sin(day);
        measured[1] = 70 + 10 * Math.cos(day);
        measured[2] = 1013;
        skill.observed(skillTime, measured);
        modelOutputs[0] = (float) measured[0] + 0.3f;
        modelOutputs[1] = (float) measured[0] - 0.2f;
        skill.forecastMade(skillTime, modelOutputs, measured);
        reasons.clear();
        skill.addReasons(reasons);
        return skill.payload().length + reasons.size();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        publisher.close();
        station.close();
        outbox.close();
        broker.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
