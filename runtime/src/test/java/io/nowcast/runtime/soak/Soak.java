package io.nowcast.runtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak run of issue 13, for a bench, not for CI: a station ({@code nowcast run --clock-speed X},
 * in its own JVM with the service's heap options) on an accelerated clock for many simulated days,
 * against a real Mosquitto that is killed at random, with its data directory on a small tmpfs that
 * is filled at random (as root), and with its sensor — a BME280 behind the kernel's IIO driver,
 * played by {@link FakeIio} — unplugged, renumbered and reading garbage at random. Then the faults
 * stop, the outbox drains, the station is stopped with SIGTERM, and {@link Tally} says what was
 * made, delivered, lost and repeated, and what the heap did.
 *
 * <pre>
 *   Soak --work DIR [--days 30] [--seed 1] [--speed 7200] [--no-disk-faults]
 * </pre>
 * System properties: {@code soak.station.classpath} (the station's class path, default this JVM's),
 * {@code soak.station.jvm} (its JVM options, default the service unit's
 * {@code -Xmx64m -Xms8m -XX:+UseSerialGC}). Exit status 0 when nothing was lost and no seq came with
 * two payloads, 1 otherwise, 2 when the bench itself failed.
 */
public final class Soak {
    static final String STATION = "soak";
    static final int INTERVAL_S = 600; // the demo model's
    static final int WINDOW = 24;

    private final Path work;
    private final int days;
    private final long seed;
    private final double speed;
    private final boolean diskFaults;
    private final PrintStream events;
    private final Events counts = new Events();
    /** Station time = calibration point + (wall − its wall) × speed. */
    private volatile long calStationMillis;
    private volatile long calWallMillis;
    private volatile boolean calibrated;
    private volatile boolean stopFaults;
    private Mosquitto broker;
    private Path dataDir;
    private boolean mounted;
    private String diskNote;

    /** What the fault threads did. */
    static final class Events {
        final AtomicLong brokerKills = new AtomicLong();
        final AtomicLong brokerTerms = new AtomicLong();
        final AtomicLong brokerDownMillis = new AtomicLong();
        final AtomicLong diskSpells = new AtomicLong();
        final AtomicLong diskFullMillis = new AtomicLong();
        final AtomicLong unplugShort = new AtomicLong();
        final AtomicLong unplugLong = new AtomicLong();
        final AtomicLong renumbered = new AtomicLong();
        final AtomicLong notANumberShort = new AtomicLong();
        final AtomicLong notANumberLong = new AtomicLong();
        final AtomicLong outOfRangeShort = new AtomicLong();
        final AtomicLong outOfRangeLong = new AtomicLong();
        final AtomicLong sensorFaultMillis = new AtomicLong();

        long sensorFaults() {
            return unplugShort.get() + unplugLong.get() + renumbered.get() + notANumberShort.get()
                    + notANumberLong.get() + outOfRangeShort.get() + outOfRangeLong.get();
        }
    }

    private Soak(Path work, int days, long seed, double speed, boolean diskFaults) throws IOException {
        this.work = work;
        this.days = days;
        this.seed = seed;
        this.speed = speed;
        this.diskFaults = diskFaults;
        Files.createDirectories(work);
        OutputStream file = Files.newOutputStream(work.resolve("events.log"));
        this.events = new PrintStream(new TeeStream(System.out, file), true, StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        calStationMillis = now;
        calWallMillis = now;
    }

    public static void main(String[] args) throws Exception {
        Path work = null;
        int days = 30;
        long seed = 1;
        double speed = 7200;
        boolean disk = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--speed" -> speed = Double.parseDouble(args[++i]);
                case "--no-disk-faults" -> disk = false;
                default -> {
                    System.err.println("soak: unknown argument " + args[i]
                            + "; usage: Soak --work DIR [--days 30] [--seed 1] [--speed 7200] [--no-disk-faults]");
                    System.exit(2);
                }
            }
        }
        if (work == null || days < 1 || !(speed >= 1)) {
            System.err.println("soak: --work DIR is required, --days at least 1, --speed at least 1");
            System.exit(2);
        }
        int status;
        try {
            status = new Soak(work.toAbsolutePath(), days, seed, speed, disk).run();
        } catch (Exception | AssertionError e) {
            System.err.println("soak: the bench failed: " + e);
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    Instant stationNow() {
        return Instant.ofEpochMilli(calStationMillis + Math.round((System.currentTimeMillis() - calWallMillis) * speed));
    }

    private void event(String what) {
        events.printf("%s  station %-20s  %s%n", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                calibrated ? stationNow().truncatedTo(ChronoUnit.MINUTES) : "-", what);
    }

    private int run() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String stationClasspath = System.getProperty("soak.station.classpath", System.getProperty("java.class.path"));
        String jvm = System.getProperty("soak.station.jvm", "-Xmx64m -Xms8m -XX:+UseSerialGC");
        dataDir = work.resolve("data");
        Files.createDirectories(dataDir);
        boolean disk = diskFaults && root && mountTmpfs();
        diskNote = disk ? "on (tmpfs of 24 MiB as the data directory)"
                : !diskFaults ? "off (--no-disk-faults)"
                : !root ? "off: only root can mount the small tmpfs they need (run as root)"
                : "off: this machine refuses to mount a tmpfs";
        event(String.format(Locale.ROOT, "soak: %d simulated days at %.0fx (%.0f s of wall time), seed %d; disk-full spells: %s",
                days, speed, days * 86400.0 / speed, seed, diskNote));
        int status;
        try (Mosquitto b = Mosquitto.start(work.resolve("broker"), List.of("allow_anonymous true", "autosave_interval 2"));
                FakeIio iio = new FakeIio(work.resolve("iio"), seed, this::stationNow);
                Recorder rec = new Recorder(b.tcpUri(), STATION, work.resolve("received.log"))) {
            broker = b;
            Path conf = writeConfig(b.tcpUri(), iio.root());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
            cmd.addAll(List.of("-cp", stationClasspath, "io.nowcast.runtime.cli.NowcastCli", "run", "--config", conf.toString(),
                    "--clock-speed", Double.toString(speed)));
            Files.writeString(work.resolve("station.cmd"), String.join(" ", cmd) + "\n");
            long launchWall = System.currentTimeMillis();
            calStationMillis = launchWall;
            calWallMillis = launchWall;
            Process station = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("station.log").toFile()).start();
            event("station started, pid " + station.pid() + ": nowcast run --config " + conf + " --clock-speed " + speed
                    + " (JVM: " + jvm + ")");
            try {
                status = soak(station, rec, iio, disk);
            } finally {
                if (station.isAlive()) {
                    station.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (mounted) {
                copyEvidence();
                run("umount", dataDir.toString());
            }
        }
        return status;
    }

    private int soak(Process station, Recorder rec, FakeIio iio, boolean disk) throws Exception {
        // Warm-up: the window of 24 intervals fills (4 simulated hours), then the first forecast.
        waitFor("the first forecast", 120, station, () -> rec.count("forecast") > 0);
        Recorder.Delivery first = rec.deliveries("forecast").get(0);
        calStationMillis = Instant.parse(first.first.path("issued").asText()).toEpochMilli();
        calWallMillis = first.firstArrivalMillis;
        calibrated = true;
        Instant firstObservation = Instant.parse(rec.deliveries("observation").get(0).first.path("time").asText());
        event("first forecast delivered (seq " + first.seq + ", window ending " + first.first.path("window_end").asText()
                + "); first observation " + firstObservation);
        TimeUnit.MILLISECONDS.sleep(Math.round(2 * 3_600_000 / speed)); // two more simulated hours
        List<long[]> heap = new ArrayList<>(); // {station epoch second, live bytes}
        long heapStart = Heap.live(station.pid(), work.resolve("heap-start.txt"));
        heap.add(new long[] {stationNow().getEpochSecond(), heapStart});
        event("live heap after a full GC: " + heapStart + " bytes (start)");

        Instant end = firstObservation.plus(Duration.ofDays(days));
        long endWall = calWallMillis + Math.round((end.toEpochMilli() - calStationMillis) / speed);
        List<Thread> faults = new ArrayList<>();
        faults.add(thread("broker-faults", () -> brokerFaults(new Random(seed * 1_000_003L + 1), endWall)));
        faults.add(thread("sensor-faults", () -> sensorFaults(new Random(seed * 1_000_003L + 3), endWall, iio)));
        if (disk) {
            faults.add(thread("disk-faults", () -> diskFaults(new Random(seed * 1_000_003L + 2), endWall)));
        }
        faults.forEach(Thread::start);
        long heapEvery = Math.max(1000, Math.round(5 * 86_400_000L / speed)); // every 5 simulated days
        long nextHeap = System.currentTimeMillis() + heapEvery;
        while (System.currentTimeMillis() < endWall) {
            if (!station.isAlive()) {
                event("THE STATION DIED with status " + station.exitValue() + " (see station.log)");
                break;
            }
            if (System.currentTimeMillis() >= nextHeap) {
                long live = Heap.live(station.pid(), work.resolve("heap-" + heap.size() + ".txt"));
                heap.add(new long[] {stationNow().getEpochSecond(), live});
                event("live heap after a full GC: " + live + " bytes");
                nextHeap += heapEvery;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        stopFaults = true;
        for (Thread t : faults) {
            t.join();
        }
        Instant healed = stationNow();
        event("faults over: broker up, disk with room, sensor healed; waiting for the station to deliver its backlog");

        boolean drained = true;
        try {
            waitFor("the backlog to drain", 600, station, () -> drained(rec, healed));
            event("backlog delivered");
        } catch (AssertionError e) {
            drained = false;
            event("THE BACKLOG DID NOT DRAIN: " + e.getMessage());
        }
        TimeUnit.MILLISECONDS.sleep(Math.round(6 * 3_600_000 / speed)); // six quiet simulated hours
        long heapEnd = Heap.live(station.pid(), work.resolve("heap-end.txt"));
        heap.add(new long[] {stationNow().getEpochSecond(), heapEnd});
        event("live heap after a full GC: " + heapEnd + " bytes (end)");

        station.destroy(); // SIGTERM, as systemctl stop
        boolean exited = station.waitFor(60, TimeUnit.SECONDS);
        event("station stopped with SIGTERM: " + (exited ? "exit status " + station.exitValue() : "STILL RUNNING after 60 s"));
        TimeUnit.SECONDS.sleep(2); // what was in flight reaches the recorder
        if (iio.failure() != null) {
            event("the fake sensor's writer failed (a bench problem): " + iio.failure());
        }
        Outbox.Backlog left = Outbox.Backlog.of(dataDir.resolve("outbox"));
        Tally tally = new Tally(rec, dataDir, left, heap, heapStart, heapEnd, counts, work.resolve("station.log"), drained,
                exited ? station.exitValue() : -1, disk ? null : diskNote);
        String table = tally.table(days, speed, seed);
        events.print(table);
        Files.writeString(work.resolve("tally.txt"), table);
        return tally.failed() ? 1 : 0;
    }

    /** Delivered and live again: every seq so far came, nothing waits, observations arrive fresh. */
    private boolean drained(Recorder rec, Instant healed) {
        long[] obs = rec.contiguous("observation");
        long[] fc = rec.contiguous("forecast");
        JsonNode h = rec.health();
        if (obs[1] == 0 || fc[1] == 0 || h == null) {
            return false;
        }
        if (Instant.parse(h.path("time").asText()).isBefore(healed)) {
            return false;
        }
        boolean nothingWaits = h.path("memory").path("messages").asLong() == 0
                && h.path("history").path("rows_waiting").asLong() == 0 && h.path("outbox").path("backlog").asLong() <= 4;
        boolean fresh = System.currentTimeMillis() - rec.lastObservationArrival() < Math.max(500, 3 * INTERVAL_S * 1000 / speed);
        return nothingWaits && fresh;
    }

    // ---- faults ------------------------------------------------------------------------------

    /** The broker killed (SIGKILL or SIGTERM, at random) for 5 to 60 s, then up again for 5 to 30 s. */
    private void brokerFaults(Random rnd, long endWall) throws Exception {
        while (pause(uniform(rnd, 5, 30), endWall)) {
            boolean kill9 = rnd.nextBoolean();
            long down = uniform(rnd, 5, 60);
            long t0 = System.currentTimeMillis();
            if (kill9) {
                ProcessHandle mosquitto = ProcessHandle.current().children()
                        .filter(p -> p.info().command().orElse("").endsWith("mosquitto")).findFirst().orElseThrow();
                mosquitto.destroyForcibly();
                mosquitto.onExit().get(20, TimeUnit.SECONDS);
                counts.brokerKills.incrementAndGet();
            } else {
                broker.stop();
                counts.brokerTerms.incrementAndGet();
            }
            event(String.format(Locale.ROOT, "broker %s, down for %.1f s", kill9 ? "killed (SIGKILL)" : "stopped (SIGTERM)",
                    down / 1000.0));
            pause(down, Long.MAX_VALUE);
            broker.start();
            counts.brokerDownMillis.addAndGet(System.currentTimeMillis() - t0);
            event("broker up again");
        }
    }

    /** The data directory's file system full for 2 to 20 s, then with room for 5 to 40 s. */
    private void diskFaults(Random rnd, long endWall) throws Exception {
        while (pause(uniform(rnd, 5, 40), endWall)) {
            long full = uniform(rnd, 2, 20);
            long t0 = System.currentTimeMillis();
            Path filler = fill(dataDir);
            counts.diskSpells.incrementAndGet();
            event(String.format(Locale.ROOT, "disk full (%d bytes of filler), for %.1f s", Files.size(filler), full / 1000.0));
            pause(full, Long.MAX_VALUE);
            Files.delete(filler);
            counts.diskFullMillis.addAndGet(System.currentTimeMillis() - t0);
            event("disk has room again");
        }
    }

    /**
     * A sensor fault every 1 to 6 s: unplugged, a channel that is not a number or out of range, each
     * short (1–2 intervals: gap-filled) or long (3–36 intervals: forecasts suspended), or a replug
     * under another number.
     */
    private void sensorFaults(Random rnd, long endWall, FakeIio iio) throws Exception {
        long intervalMillis = Math.round(INTERVAL_S * 1000 / speed);
        while (pause(uniform(rnd, 1, 6), endWall)) {
            int kind = rnd.nextInt(7);
            if (kind == 6) {
                iio.renumber();
                counts.renumbered.incrementAndGet();
                event("sensor replugged: the device has another number now");
                continue;
            }
            boolean shortFault = kind % 2 == 0;
            long intervals = shortFault ? 1 + rnd.nextInt(2) : 3 + rnd.nextInt(34);
            long millis = intervals * intervalMillis;
            String what;
            if (kind < 2) {
                iio.unplug();
                (shortFault ? counts.unplugShort : counts.unplugLong).incrementAndGet();
                what = "sensor unplugged";
            } else {
                int channel = rnd.nextInt(3);
                FakeIio.Bad bad = kind < 4 ? FakeIio.Bad.NOT_A_NUMBER : FakeIio.Bad.OUT_OF_RANGE;
                iio.corrupt(channel, bad);
                (bad == FakeIio.Bad.NOT_A_NUMBER ? shortFault ? counts.notANumberShort : counts.notANumberLong
                        : shortFault ? counts.outOfRangeShort : counts.outOfRangeLong).incrementAndGet();
                what = "sensor channel " + FakeIio.CHANNELS[channel]
                        + (bad == FakeIio.Bad.NOT_A_NUMBER ? " reads '-EIO' (not a number)" : " reads out of range");
            }
            event(what + " for " + intervals + " interval" + (intervals == 1 ? "" : "s"));
            long t0 = System.currentTimeMillis();
            pause(millis, Long.MAX_VALUE);
            iio.heal();
            counts.sensorFaultMillis.addAndGet(System.currentTimeMillis() - t0);
        }
        iio.heal();
    }

    /** Waits {@code millis}, or less once the faults stop; false when it is time to stop. */
    private boolean pause(long millis, long endWall) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            if (stopFaults) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
        }
        return !stopFaults && System.currentTimeMillis() < endWall;
    }

    private static long uniform(Random rnd, int fromSeconds, int toSeconds) {
        return fromSeconds * 1000L + (long) (rnd.nextDouble() * (toSeconds - fromSeconds) * 1000);
    }

    private Thread thread(String name, Task task) {
        return new Thread(() -> {
            try {
                task.run();
            } catch (Exception e) {
                event("the " + name + " thread failed (a bench problem): " + e);
                e.printStackTrace();
            }
        }, name);
    }

    private interface Task {
        void run() throws Exception;
    }

    // ---- the data directory ---------------------------------------------------------------------

    private boolean mountTmpfs() throws IOException, InterruptedException {
        if (run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", dataDir.toString()) != 0) {
            return false;
        }
        mounted = true;
        return true;
    }

    /** Fills the file system of {@code dir} to its last byte; the filler, to delete when the spell ends. */
    static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        for (int block : new int[] {1 << 16, 1 << 12, 1}) {
            byte[] b = new byte[block];
            try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException full) {
                // "No space left on device": what was written stays
            }
        }
        return filler;
    }

    /** Keeps the station's files (the tmpfs goes at the end). */
    private void copyEvidence() {
        try {
            Path to = work.resolve("data-copy");
            try (var files = Files.walk(dataDir)) {
                for (Path p : files.toList()) {
                    Path target = to.resolve(dataDir.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (!p.getFileName().toString().equals("filler")) {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            events.println("could not copy the data directory: " + e);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        if (status != 0) {
            System.out.println(String.join(" ", command) + ": " + out.strip());
        }
        return status;
    }

    private Path writeConfig(String brokerUri, Path iioDir) throws IOException {
        Path model = work.resolve("demo.ncm");
        try (InputStream in = Soak.class.getResourceAsStream("/demo/demo.ncm")) {
            if (in == null) {
                throw new IOException("the demo model /demo/demo.ncm is not on the class path");
            }
            Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
        }
        Path conf = work.resolve("station.conf");
        Files.write(conf, List.of(
                "# written by the soak run (io.nowcast.runtime.soak.Soak)",
                "station.id = " + STATION,
                "station.data_dir = " + dataDir,
                "model.file = " + model,
                "outbox.max_bytes = 8 MiB",
                "mqtt.broker = " + brokerUri,
                "# the broker is away for 5-60 s of real time: come back within 8 s of it",
                "mqtt.reconnect_min_seconds = 1",
                "mqtt.reconnect_max_seconds = 8",
                "sensor.bme.type = iio",
                "sensor.bme.driver = bme280",
                "sensor.bme.iio-dir = " + iioDir,
                "sensor.bme.interval = 60s"));
        return conf;
    }

    private static void waitFor(String what, long seconds, Process station, java.util.concurrent.Callable<Boolean> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.call()) {
            if (!station.isAlive()) {
                throw new AssertionError("the station exited with status " + station.exitValue() + " while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
