package io.nowcast.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.history.TimestampParser;
import io.nowcast.trainer.data.WeewxArchives.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the trainer reads from a file: CSV or weewx archive by its first bytes, times, units, wind direction. */
class DataSourceTest {
    private static final DataSource ISO = new DataSource("timestamp", new TimestampParser(null, null), 60, 300);

    @Test
    void aCsvNamedSdbIsReadAsCsvAndAnArchiveNamedCsvAsAnArchive(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("x.sdb"), "timestamp,temperature\n2026-01-01T00:00:00Z,1.5\n");
        RawSeries fromCsv = ISO.load(csv, List.of("temperature"));
        assertEquals(1.5, fromCsv.values()[0][0]);

        Path sqlite = WeewxArchives.create(dir.resolve("x.csv"), new Row(1767225600L, 1, 50.0)); // 2026-01-01T00:00Z
        RawSeries fromArchive = ISO.load(sqlite, List.of("temperature"));
        assertEquals(10.0, fromArchive.values()[0][0], 1e-12); // 50 °F = (50 − 32) / 1.8 = 10 °C
        assertEquals(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), fromArchive.epochMillis()[0]);
    }

    @Test
    void epochSecondsTimestamps(@TempDir Path dir) throws Exception {
        // 1767225600 = 2026-01-01T00:00:00Z; a decimal one 90.5 s later
        Path csv = Files.writeString(dir.resolve("epoch.csv"), "time,temperature\n1767225600,1\n1767225690.5,2\n");
        DataSource epoch = new DataSource("time", new TimestampParser("epoch", null), 60, 300);
        RawSeries s = epoch.load(csv, List.of("temperature"));
        assertArrayEquals(new long[] {1767225600000L, 1767225690500L}, s.epochMillis());
    }

    @Test
    void usUnitsConvertStationChannelsOnly(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("us.csv"), "timestamp,temperature,pressure,wind_speed,rain,humidity,"
                + "wind_dir,indoor\n2026-01-01T00:00:00Z,50,30,10,0.5,60,270,68\n");
        List<String> columns = List.of("temperature", "pressure", "wind_speed", "rain", "humidity", "wind_dir", "indoor");
        DataSource us = new DataSource("timestamp", new TimestampParser(null, null), 60, 300, true);
        // 50 °F = 10 °C; 30 inHg × 33.8639 = 1015.917 hPa; 10 mph × 1.609344 = 16.09344 km/h; 0.5 in = 12.7 mm;
        // %RH and degrees as they are; 'indoor' is no station channel: as written.
        assertArrayEquals(new double[] {10, 1015.917, 16.09344, 12.7, 60, 270, 68}, us.load(csv, columns).values()[0], 1e-9);
        assertArrayEquals(new double[] {50, 30, 10, 0.5, 60, 270, 68}, ISO.load(csv, columns).values()[0], 1e-12);
    }

    @Test
    void fromAndUntilKeepTheReadingsBetweenThem(@TempDir Path dir) throws Exception {
        // three CSV rows a minute apart and a weewx archive with the same three instants
        Path csv = Files.writeString(dir.resolve("t.csv"), "timestamp,temperature\n2026-01-01T00:00:00Z,1\n"
                + "2026-01-01T00:01:00Z,2\n2026-01-01T00:02:00Z,3\n");
        Path archive = WeewxArchives.create(dir.resolve("weewx.sdb"), new Row(1767225600L, 16, 1.0),
                new Row(1767225660L, 16, 2.0), new Row(1767225720L, 16, 3.0)); // 16: METRIC, °C as written
        long from = Instant.parse("2026-01-01T00:01:00Z").toEpochMilli(); // kept: at or after
        long until = Instant.parse("2026-01-01T00:02:00Z").toEpochMilli(); // left out: at or after
        DataSource middle = new DataSource("timestamp", new TimestampParser(null, null), 60, 300, false, from, until);
        for (Path file : List.of(csv, archive)) {
            RawSeries s = middle.load(file, List.of("temperature"));
            assertArrayEquals(new long[] {from}, s.epochMillis(), file.toString());
            assertEquals(2.0, s.values()[0][0], 1e-12);
        }
        DataSource after = new DataSource("timestamp", new TimestampParser(null, null), 60, 300, false, until + 1,
                Long.MAX_VALUE);
        DataException none = assertThrows(DataException.class,
                () -> after.segments(csv, new ProblemSpec(List.of("temperature"),
                        List.of(new TargetSpec("temperature", 60, true)), 1, 60)));
        assertEquals(csv + ": no data rows from --from until --until", none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DataSource("timestamp", new TimestampParser(null, null), 60, 300, false, until, from));
    }

    @Test
    void windDirSinAndCosComeFromTheWindDirColumn(@TempDir Path dir) throws Exception {
        // 350° and 10° in one minute: vector mean 0°, so sin 0 and cos 1
        Path csv = Files.writeString(dir.resolve("wind.csv"), "timestamp,wind_dir,temperature\n"
                + "2026-01-01T00:00:00Z,350,1\n2026-01-01T00:00:20Z,10,1\n2026-01-01T00:01:00Z,90,1\n");
        ProblemSpec spec = new ProblemSpec(List.of("wind_dir_sin", "wind_dir_cos"),
                List.of(new TargetSpec("temperature", 60, false)), 1, 60);
        List<Segment> segs = ISO.segments(csv, spec);
        assertEquals(List.of("wind_dir_sin", "wind_dir_cos", "temperature"), spec.csvColumns());
        assertArrayEquals(new double[] {0, 1, 1}, segs.get(0).values()[0], 1e-12);
        assertArrayEquals(new double[] {1, 0, 1}, segs.get(0).values()[1], 1e-12); // 90°: sin 1, cos 0

        // The same from a weewx archive, whose windDir is a station channel too
        Path archive = WeewxArchives.create(dir.resolve("weewx.sdb"),
                new Row(1767225600L, 1, 50.0, null, null, null, null, null, 350.0),
                new Row(1767225620L, 1, 50.0, null, null, null, null, null, 10.0));
        assertArrayEquals(new double[] {0, 1, 10}, ISO.segments(archive, spec).get(0).values()[0], 1e-12);
    }

    @Test
    void aRawDirectionIsRefusedAsInputOrTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProblemSpec(
                List.of("temperature", "wind_dir"), List.of(new TargetSpec("temperature", 60, false)), 2, 60));
        assertEquals("input wind_dir is a direction in degrees, whose jump from 359° to 0° means nothing to a model: "
                + "use wind_dir_sin,wind_dir_cos instead", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProblemSpec(List.of("temperature"),
                List.of(new TargetSpec("wind_dir", 60, false)), 2, 60));
        assertEquals("target wind_dir is a direction in degrees, whose error from 359° to 1° is not 358°: forecast "
                + "wind_dir_sin,wind_dir_cos instead", e.getMessage());
    }

    @Test
    void aColumnWithoutAnyValueIsNamed(@TempDir Path dir) throws Exception {
        Path archive = WeewxArchives.create(dir.resolve("weewx.sdb"), new Row(1767225600L, 1, 50.0),
                new Row(1767225660L, 1, 51.0));
        ProblemSpec spec = new ProblemSpec(List.of("temperature", "radiation"),
                List.of(new TargetSpec("temperature", 60, false)), 1, 60);
        DataException e = assertThrows(DataException.class, () -> ISO.segments(archive, spec));
        assertEquals(archive + ": column 'radiation' has no value in any row", e.getMessage());
    }
}
