package io.nowcast.trainer.data;

import io.nowcast.history.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.history.weewx.WeewxArchive;
import io.nowcast.history.weewx.WeewxArchiveException;
import io.nowcast.trainer.data.WeewxArchives.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nowcast-history's weewx reader (io.nowcast.history.weewx.WeewxArchive) with the SQLite driver on the
 * class path: the real published archives and generated ones. Expected values are worked by hand
 * from rows read with the sqlite3 command-line tool.
 */
class WeewxArchiveReadTest {
    private static final String BARILOCHE = "weather/weewx-bariloche/weewx.sdb";
    private static final String APPOMATTOX = "weather/weewx-appomattox/weewx.sdb";
    private static final List<String> ALL = List.of("temperature", "humidity", "pressure", "pressure_sea_level",
            "wind_speed", "wind_gust", "wind_dir", "rain", "rain_rate", "radiation", "uv", "dewpoint");

    private static Path shared(String relative) {
        Path file = SharedData.file(relative);
        Assumptions.assumeTrue(file != null, () -> SharedData.skipReason(relative));
        return file;
    }

    private static RawSeries load(Path file, List<String> channels) throws Exception {
        return new WeewxSeriesLoader().load(file, channels);
    }

    private static int row(RawSeries s, long epochSeconds) {
        for (int r = 0; r < s.rowCount(); r++) {
            if (s.epochMillis()[r] == epochSeconds * 1000) {
                return r;
            }
        }
        throw new AssertionError("no row at dateTime " + epochSeconds);
    }

    private static long nulls(RawSeries s, int column) {
        return Arrays.stream(s.values()).filter(v -> Double.isNaN(v[column])).count();
    }

    @Test
    void barilocheRowsAndOneRowConvertedByHand() throws Exception {
        Path file = shared(BARILOCHE);
        try (WeewxArchive archive = WeewxArchive.open(file)) {
            assertEquals(19_495, archive.rowCount()); // shared/data/README.md
            assertEquals(ALL, archive.channels());
        }
        RawSeries s = load(file, ALL);
        assertEquals(19_495, s.rowCount());
        assertEquals(1490703313000L, s.epochMillis()[0]); // the stray row, 2017-03-28T12:15:13Z
        assertEquals(1532788200000L, s.epochMillis()[s.rowCount() - 1]); // 2018-07-28T14:30:00Z
        // sqlite3 weewx.sdb "select outTemp, outHumidity, pressure, windSpeed, windGust, windDir, rain
        //   from archive where dateTime = 1510000200"  (2017-11-06T20:30:00Z, usUnits 1):
        // 62.912|46.5333333333333|27.2961423789167|2.63959138528838|8.27668485217543|237.230482997363|0.0
        double[] v = s.values()[row(s, 1510000200L)];
        assertEquals(17.173333333333, v[0], 1e-9); // (62.912 °F − 32) / 1.8 = 30.912 / 1.8 = 17.17333 °C
        assertEquals(46.5333333333333, v[1], 1e-12); // %RH in every system
        assertEquals(924.35383590540, v[2], 1e-9); // 27.2961423789167 inHg × 33.8639 = 924.3538 hPa
        assertEquals(4.2480105583654, v[4], 1e-9); // 2.63959138528838 mph × 1.609344 = 4.24801 km/h
        assertEquals(13.320033106739, v[5], 1e-9); // 8.27668485217543 mph × 1.609344 = 13.32003 km/h
        assertEquals(237.230482997363, v[6], 1e-12); // degrees in every system
        assertEquals(0.0, v[7]);
        assertTrue(Double.isNaN(v[9]) && Double.isNaN(v[10]), "radiation and UV are NULL: this console has no sensor");
        // dateTime 1497703513: rain 0.118110236220472 in = 3.0 mm, rainRate 0.47244094488189 in/h = 12.0 mm/h,
        // windDir NULL (calm: windSpeed 0.0)
        double[] wet = s.values()[row(s, 1497703513L)];
        assertEquals(3.0, wet[7], 1e-12);
        assertEquals(12.0, wet[8], 1e-12);
        assertTrue(Double.isNaN(wet[6]));
        assertEquals(0.0, wet[4]);
        // NULL is missing: sqlite3 "select count(*) from archive where outTemp is null" = 6388, windDir: 9726
        assertEquals(6388, nulls(s, 0));
        assertEquals(9726, nulls(s, 6));
    }

    @Test
    void appomattoxRowsAndOneRowConvertedByHand() throws Exception {
        Path file = shared(APPOMATTOX);
        RawSeries s = load(file, List.of("temperature", "humidity", "pressure_sea_level", "wind_gust", "rain",
                "rain_rate"));
        assertEquals(12_757, s.rowCount()); // shared/data/README.md
        // sqlite3: dateTime 1475442734 (2016-10-02T21:12:14Z): outTemp 57.74, outHumidity 73.0,
        // barometer 30.2223128817956, windGust 2.2369418519393, rain 0.0708661417322835, rainRate 0.283464566929134
        double[] v = s.values()[row(s, 1475442734L)];
        assertEquals(14.3, v[0], 1e-12); // (57.74 − 32) / 1.8 = 25.74 / 1.8 = 14.3 °C
        assertEquals(73.0, v[1]);
        assertEquals(1023.4453811978, v[2], 1e-9); // 30.2223128817956 inHg × 33.8639 = 1023.445 hPa
        assertEquals(3.6000089477674, v[3], 1e-9); // 2.2369418519393 mph × 1.609344 = 3.60001 km/h
        assertEquals(1.8, v[4], 1e-12); // 0.0708661417322835 in × 25.4 = 1.8 mm
        assertEquals(7.2, v[5], 1e-12); // 0.283464566929134 in/h × 25.4 = 7.2 mm/h
        // NULL is missing: outTemp NULL in 437 rows, humidity in 2,532 (shared/data/README.md)
        assertEquals(437, nulls(s, 0));
        assertEquals(2532, nulls(s, 1));
    }

    @Test
    void eachRowIsConvertedFromItsOwnUsUnits(@TempDir Path dir) throws Exception {
        // outTemp, outHumidity, pressure, barometer, windSpeed, windGust, windDir, rain, rainRate, radiation, UV, dewpoint
        Path file = WeewxArchives.create(dir.resolve("weewx.sdb"),
                new Row(1000, 1, 50.0, 80.0, 29.5, 30.0, 10.0, 20.0, 90.0, 0.1, 1.0, 500.0, 3.0, 41.0),
                new Row(1300, 16, 10.0, 80.0, 999.0, 1016.0, 10.0, 20.0, 90.0, 0.1, 1.0, 500.0, 3.0, 5.0),
                new Row(1600, 17, 10.0, 80.0, 999.0, 1016.0, 10.0, 20.0, 90.0, 0.1, 1.0, 500.0, 3.0, 5.0),
                new Row(1900, 17, null, null, null, null, null, null, null, null, null, null, null, null));
        RawSeries s = load(file, ALL);
        assertEquals(List.of(1000_000L, 1300_000L, 1600_000L, 1900_000L),
                Arrays.stream(s.epochMillis()).boxed().toList());
        // US: 50 °F = 10 °C; 29.5 inHg × 33.8639 = 998.98505 hPa; 10 mph = 16.09344 km/h; 0.1 in = 2.54 mm;
        // 1 in/h = 25.4 mm/h; 41 °F = 5 °C
        assertArrayEquals(new double[] {10, 80, 998.98505, 1015.917, 16.09344, 32.18688, 90, 2.54, 25.4, 500, 3, 5},
                s.values()[0]);
        // METRIC (16): °C, mbar = hPa, km/h as they are; rain 0.1 cm = 1 mm, rainRate 1 cm/h = 10 mm/h
        assertArrayEquals(new double[] {10, 80, 999, 1016, 10, 20, 90, 1, 10, 500, 3, 5}, s.values()[1]);
        // METRICWX (17): wind 10 m/s × 3.6 = 36 km/h, gust 20 m/s = 72 km/h; rain already mm, mm/h
        assertArrayEquals(new double[] {10, 80, 999, 1016, 36, 72, 90, 0.1, 1, 500, 3, 5}, s.values()[2]);
        // NULL: missing
        assertTrue(Arrays.stream(s.values()[3]).allMatch(Double::isNaN));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-9, Arrays.toString(actual));
    }

    @Test
    void anUnknownUsUnitsIsOneLineNamingTheFileAndTheRow(@TempDir Path dir) throws Exception {
        Path file = WeewxArchives.create(dir.resolve("weewx.sdb"), new Row(1000, 1, 50.0),
                new Row(1490703313, 2, 50.0));
        WeewxArchiveException e = assertThrows(WeewxArchiveException.class, () -> load(file, List.of("temperature")));
        assertEquals(file + ": row dateTime=1490703313 (2017-03-28T12:15:13Z): usUnits 2 is not a weewx unit system "
                + "(known: 1 (US), 16 (METRIC), 17 (METRICWX))", e.getMessage());
    }

    @Test
    void withoutAnArchiveTableOrItsDateTimeColumnTheFileIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.sdb");
        sql(other, "CREATE TABLE readings (t INTEGER, temperature REAL)");
        WeewxArchiveException e = assertThrows(WeewxArchiveException.class, () -> WeewxArchive.open(other));
        assertEquals(other + ": no table 'archive', so not a weewx archive (tables: readings)", e.getMessage());

        Path noTime = dir.resolve("notime.sdb");
        sql(noTime, "CREATE TABLE archive (usUnits INTEGER, outTemp REAL)");
        e = assertThrows(WeewxArchiveException.class, () -> WeewxArchive.open(noTime));
        assertEquals(noTime + ": table 'archive' has no column 'dateTime', which every weewx archive has", e.getMessage());
    }

    @Test
    void aChannelTheArchiveCannotServeIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.sdb");
        sql(file, "CREATE TABLE archive (dateTime INTEGER, usUnits INTEGER, outTemp REAL, windDir REAL)");
        WeewxArchiveException e = assertThrows(WeewxArchiveException.class, () -> load(file, List.of("rain")));
        assertEquals(file + ": table 'archive' has no column 'rain' for channel 'rain' (channels of this one: "
                + "temperature, wind_dir)", e.getMessage());
        e = assertThrows(WeewxArchiveException.class, () -> load(file, List.of("outTemp")));
        assertEquals(file + ": 'outTemp' is not a channel of a weewx archive (channels of this one: temperature, "
                + "wind_dir)", e.getMessage());
    }

    private static void sql(Path file, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
