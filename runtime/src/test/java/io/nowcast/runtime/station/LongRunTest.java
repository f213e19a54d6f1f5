package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30 simulated days of a station in its own JVM with a 64 MiB heap, against a real broker: the
 * live heap (measured right after a full collection) does not grow after warm-up.
 */
class LongRunTest {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RUN = Duration.ofDays(30);
    private static final long ALLOWED_GROWTH_BYTES = 1 << 20; // 1 MiB: GC and JIT noise, far below a leak's slope

    @TempDir
    Path tmp;

    @Test
    void thirtySimulatedDaysInA64MiBHeapWithoutGrowth() throws Exception {
        // The outbox and seq files force every write to the device; on tmpfs (when there is one) those
        // forces are free, so that the test measures the heap, not the disk.
        try (TmpfsDir scratch = TmpfsDir.create("nowcast-long-", tmp);
                Mosquitto broker = Mosquitto.start(tmp.resolve("broker"))) {
            Path base = scratch.path();
            // Interval 600 s, window 24 (4 h); 80000x: 30 days in about 32 s of wall time. A full GC
            // for a heap report stops the station for 10-30 ms, i.e. 1-4 simulated intervals without a
            // reading: up to 10 filled intervals keep such a pause from suspending forecasts.
            StationProcess station = new StationProcess(base.resolve("station"), broker.tcpUri(),
                    TestModels.weather(24, 600), ORIGIN, 80_000, List.of("gaps.max_filled_intervals = 10"), List.of());
            Process p = station.start("-Dnowcast.test.heapReport=true", "-XX:+UseSerialGC");
            Path log = base.resolve("station").resolve("station-1.log");
            try {
                Await.until("30 simulated days", 180, () -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the station died: " + Files.readString(log));
                    }
                    List<long[]> h = heap(log);
                    return !h.isEmpty() && h.get(h.size() - 1)[0] >= RUN.toSeconds();
                });
            } finally {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            List<long[]> samples = heap(log);
            long warm = liveAfter(samples, Duration.ofDays(3));
            long end = samples.get(samples.size() - 1)[1];
            long peak = samples.stream().filter(s -> s[0] >= Duration.ofDays(3).toSeconds()).mapToLong(s -> s[1]).max()
                    .orElseThrow();
            System.out.printf("long run: %d samples, live heap after warm-up %d B, at day 30 %d B, peak %d B%n",
                    samples.size(), warm, end, peak);
            assertTrue(end <= warm + ALLOWED_GROWTH_BYTES, "live heap grew from " + warm + " to " + end + " bytes");
            long observations = station.seqFile()[0];
            long forecasts = station.seqFile()[1];
            System.out.printf("long run: %d observations, %d forecasts%n", observations, forecasts);
            assertTrue(observations >= RUN.toSeconds() / 600 * 9 / 10, observations + " observations in 30 days");
            assertTrue(forecasts >= (observations - 24) * 9 / 10, "the station kept up: " + forecasts + " forecasts for "
                    + observations + " observations");
        }
    }

    /** The smallest live heap seen in the first day after {@code warmUp} (a baseline without GC noise). */
    private static long liveAfter(List<long[]> samples, Duration warmUp) {
        return samples.stream().filter(s -> s[0] >= warmUp.toSeconds() && s[0] < warmUp.plusDays(1).toSeconds())
                .mapToLong(s -> s[1]).max().orElseThrow();
    }

    /** {seconds since ORIGIN, live heap bytes} per report line. */
    private static List<long[]> heap(Path log) throws Exception {
        List<long[]> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("heap ")) {
                String[] f = line.split(" ");
                out.add(new long[] {Duration.between(ORIGIN, Instant.parse(f[1])).toSeconds(), Long.parseLong(f[2])});
            }
        }
        return out;
    }
}
