package io.nowcast.trainer.data;

import io.nowcast.history.CsvFormatException;
import io.nowcast.history.TimestampParser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesLoaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsTheOccupancyLayoutShortHeaderQuotedFieldsLocalTime() throws Exception {
        // The first two rows of datatraining.txt as published (7 names, 8 fields).
        Path f = csv("""
                "date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"
                "1","2015-02-04 17:51:00",23.18,27.272,426,721.25,0.00479298817650529,1
                "2","2015-02-04 17:51:59",23.15,27.2675,429.5,714,0.00478344094931065,1
                """);
        RawSeries s = new CsvSeriesLoader("date", new TimestampParser(null, ZoneId.of("Europe/Brussels")))
                .load(f, List.of("Temperature", "CO2"));
        assertEquals(2, s.rowCount());
        // 17:51 in Brussels in February is CET = UTC+1, so 16:51Z.
        assertEquals(Instant.parse("2015-02-04T16:51:00Z").toEpochMilli(), s.epochMillis()[0]);
        assertEquals(23.18, s.values()[0][0]);
        assertEquals(721.25, s.values()[0][1]);
        assertEquals(714.0, s.values()[1][1]);
    }

    @Test
    void isoInstantsMissingValuesAndQuotedCommas() throws Exception {
        Path f = csv("""
                timestamp,note,temperature
                2026-01-01T00:01:00Z,"a, ""quoted"" note",
                2026-01-01T00:00:00Z,x,NA
                2026-01-01T00:02:00+01:00,y,5.5
                """);
        RawSeries s = new CsvSeriesLoader("timestamp", new TimestampParser(null, null)).load(f, List.of("temperature"));
        // sorted by time: 2025-12-31T23:02Z (the +01:00 row) first
        assertEquals(Instant.parse("2025-12-31T23:02:00Z").toEpochMilli(), s.epochMillis()[0]);
        assertEquals(5.5, s.values()[0][0]);
        assertTrue(Double.isNaN(s.values()[1][0]));
        assertTrue(Double.isNaN(s.values()[2][0]));
    }

    @Test
    void readsTheStationsCsvHistoryAsItIs() throws Exception {
        // Lines as the station writes them (StationTest in runtime asserts the same text; an empty
        // field is an interval without a good reading), read with the defaults: no options needed.
        Path f = csv("""
                timestamp,temperature,humidity,pressure
                2026-01-01T00:00:00Z,10.0000,60.0000,1000.0000
                2026-01-01T00:10:00Z,,60.0000,1000.0000
                """);
        RawSeries s = new CsvSeriesLoader("timestamp", new TimestampParser(null, null))
                .load(f, List.of("temperature", "humidity", "pressure"));
        assertEquals(2, s.rowCount());
        assertEquals(Instant.parse("2026-01-01T00:10:00Z").toEpochMilli(), s.epochMillis()[1]);
        assertEquals(1000.0, s.values()[0][2]);
        assertTrue(Double.isNaN(s.values()[1][0]));
    }

    @Test
    void badNumberNamesFileLineAndField() throws Exception {
        Path f = csv("timestamp,temperature\n2026-01-01T00:00:00Z,1\n2026-01-01T00:01:00Z,warm\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvSeriesLoader("timestamp",
                new TimestampParser(null, null)).load(f, List.of("temperature")));
        assertEquals(f + ":3: column 'temperature': 'warm' is not a number", e.getMessage());
    }

    @Test
    void localTimeWithoutZoneIsRejectedWithAHint() throws Exception {
        Path f = csv("timestamp,temperature\n2026-01-01 00:00:00,1\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvSeriesLoader("timestamp",
                new TimestampParser(null, null)).load(f, List.of("temperature")));
        assertTrue(e.getMessage().startsWith(f + ":2: column 'timestamp': "), e.getMessage());
        assertTrue(e.getMessage().contains("--time-zone"), e.getMessage());
    }

    @Test
    void unknownColumnListsTheColumnsThereAre() throws Exception {
        Path f = csv("timestamp,temperature\n2026-01-01T00:00:00Z,1\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvSeriesLoader("timestamp",
                new TimestampParser(null, null)).load(f, List.of("pressure")));
        assertEquals(f + ":1: no column 'pressure' (columns: timestamp, temperature)", e.getMessage());
    }

    @Test
    void rowWithMissingFieldsIsRejected() throws Exception {
        Path f = csv("timestamp,a,b\n2026-01-01T00:00:00Z,1,2\n2026-01-01T00:01:00Z,1\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new CsvSeriesLoader("timestamp",
                new TimestampParser(null, null)).load(f, List.of("a")));
        assertEquals(f + ":3: 2 fields, the rows before it have 3", e.getMessage());
    }

    @Test
    void patternFormat() throws Exception {
        Path f = csv("t;x\n".replace(';', ',') + "04.02.2015 17:51,1\n");
        RawSeries s = new CsvSeriesLoader("t", new TimestampParser("dd.MM.yyyy HH:mm", ZoneId.of("UTC")))
                .load(f, List.of("x"));
        assertEquals(Instant.parse("2015-02-04T17:51:00Z").toEpochMilli(), s.epochMillis()[0]);
    }
}
