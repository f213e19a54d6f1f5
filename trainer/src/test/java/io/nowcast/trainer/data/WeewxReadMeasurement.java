package io.nowcast.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.history.TimestampParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not an assertion: how long the trainer takes to read a year of 5-minute weewx
 * records (105,120 rows, 12 channels, US units converted per row), and to read and resample them to
 * 10-minute steps. The target is under 5 s; the time is printed (docs/trainer.md quotes it), never
 * checked, so a slow or busy machine does not fail the build. Run alone with
 * {@code bin/mvn-jdk -B -o -pl history,trainer test -Dtest=WeewxReadMeasurement -Dsurefire.failIfNoSpecifiedTests=false},
 * or as a program (main) with the test class path.
 */
class WeewxReadMeasurement {
    private static final List<String> CHANNELS = List.of("temperature", "humidity", "pressure", "pressure_sea_level",
            "wind_speed", "wind_gust", "wind_dir", "rain", "rain_rate", "radiation", "uv", "dewpoint");
    private static final int RUNS = 5;

    @Test
    void measureReadingAYearOfFiveMinuteRecords(@TempDir Path dir) throws Exception {
        System.out.println(measure(dir));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("weewx-measurement");
        try {
            System.out.println(measure(dir));
        } finally {
            Files.deleteIfExists(dir.resolve("weewx.sdb"));
            Files.delete(dir);
        }
    }

    static String measure(Path dir) throws Exception {
        long start = System.nanoTime();
        Path archive = WeewxArchives.year(dir.resolve("weewx.sdb"));
        double generated = seconds(start);
        List<Double> reads = new ArrayList<>();
        List<Double> resampled = new ArrayList<>();
        ProblemSpec spec = new ProblemSpec(List.of("temperature", "humidity", "pressure", "wind_speed", "wind_dir_sin",
                "wind_dir_cos", "rain"), List.of(new TargetSpec("temperature", 3600, false)), 36, 600);
        DataSource source = new DataSource("timestamp", new TimestampParser(null, null), 600, 3000);
        long rows = 0;
        for (int run = 0; run < RUNS; run++) {
            start = System.nanoTime();
            RawSeries s = new WeewxSeriesLoader().load(archive, CHANNELS);
            reads.add(seconds(start));
            rows = s.rowCount();
            start = System.nanoTime();
            int segments = source.segments(archive, spec).size();
            resampled.add(seconds(start));
            assertEquals(1, segments);
        }
        assertEquals(365 * 288, rows);
        return String.format(Locale.ROOT, "MEASUREMENT (not an assertion): weewx archive of %,d rows (a year of 5-minute "
                + "records, generated in %.2f s, %.1f MB): read %d channels in %.3f s on the first run, %.3f s the best of %d; "
                + "read and resampled to 10 min (7 series columns) in %.3f s first, %.3f s best. Java %s, %d cores.",
                rows, generated, Files.size(archive) / 1e6, CHANNELS.size(), reads.get(0), Collections.min(reads), RUNS,
                resampled.get(0), Collections.min(resampled), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
