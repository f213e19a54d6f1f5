package io.nowcast.sensors.csv;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvHistoryTest {
    @TempDir
    Path dir;

    // the first lines of the UCI occupancy file as published: 7 header names, 8 fields per row
    static final String OCCUPANCY = """
            "date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"
            "1","2015-02-04 17:51:00",23.18,27.272,426,721.25,0.00479298817650529,1
            "2","2015-02-04 17:51:59",23.15,27.2675,429.5,714,0.00478344094931065,1
            """;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("h.csv"), content);
    }

    @Test
    void readsTheOccupancyQuirks() throws Exception {
        try (CsvHistory h = CsvHistory.open(file(OCCUPANCY), "date", ZoneId.of("Europe/Lisbon"))) {
            assertEquals(List.of("Temperature", "Humidity", "Light", "CO2", "HumidityRatio", "Occupancy"), h.valueColumns());
            CsvHistory.Row r = h.next().orElseThrow();
            assertEquals(2, r.line());
            // Lisbon is on UTC (WET) in February
            assertEquals(Instant.parse("2015-02-04T17:51:00Z"), r.time());
            assertEquals("23.18", r.values().get(0));
            assertEquals(Instant.parse("2015-02-04T17:51:59Z"), h.next().orElseThrow().time());
            assertTrue(h.next().isEmpty());
        }
    }

    @Test
    void readsTheTrainerFormatWithMissingValues() throws Exception {
        String csv = "timestamp,temperature,humidity,pressure\n"
                + "2026-01-01T00:00:00Z,1.5,80,1013.2\n"
                + "2026-01-01T00:10:00Z,,81,\n"
                + "\n"
                + "2026-01-01T01:20:00+01:00,1.25,NA,1013.0\n";
        try (CsvHistory h = CsvHistory.open(file(csv), "timestamp", ZoneOffset.UTC)) {
            h.next();
            CsvHistory.Row gap = h.next().orElseThrow();
            assertEquals(Optional.empty(), CsvHistory.parseValue(gap.values().get(0)));
            assertEquals(Optional.of(81.0), CsvHistory.parseValue(gap.values().get(1)));
            CsvHistory.Row offset = h.next().orElseThrow();
            assertEquals(5, offset.line(), "blank lines are skipped but counted");
            assertEquals(Instant.parse("2026-01-01T00:20:00Z"), offset.time());
            assertEquals(Optional.empty(), CsvHistory.parseValue(offset.values().get(1)));
        }
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", "3"), CsvLine.split("\"a,b\",\"say \"\"hi\"\"\", 3"));
        assertEquals(List.of("", "", ""), CsvLine.split(",,"));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.split("\"open"));
    }

    @Test
    void badRowsNameTheFileAndLineAndTheRestStillReads() throws Exception {
        String csv = "timestamp,temperature\n2026-01-01T00:00:00Z,1,2,3\nyesterday,4\n2026-01-01T00:20:00Z,5\n";
        try (CsvHistory h = CsvHistory.open(file(csv), "timestamp", ZoneOffset.UTC)) {
            CsvFormatException fields = assertThrows(CsvFormatException.class, h::next);
            assertTrue(fields.getMessage().endsWith("h.csv: line 2: 4 fields, the header names 2"), fields.getMessage());
            CsvFormatException time = assertThrows(CsvFormatException.class, h::next);
            assertTrue(time.getMessage().contains("line 3: 'yesterday' is not an ISO-8601 time"), time.getMessage());
            assertEquals("5", h.next().orElseThrow().values().get(0));
        }
    }

    @Test
    void aHeaderWithoutTheTimeColumnIsRefused() throws IOException {
        Path f = file("time,temperature\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvHistory.open(f, "timestamp", ZoneOffset.UTC));
        assertTrue(e.getMessage().endsWith("line 1: no column 'timestamp' (columns: time, temperature)"), e.getMessage());
    }

    @Test
    void theWholePublishedOccupancyFileReads() throws Exception {
        Path published = Path.of("/work/shared/data/occupancy/datatraining.txt");
        if (!Files.isReadable(published)) {
            System.out.println("SKIPPED theWholePublishedOccupancyFileReads: " + published + " is not on this machine");
        }
        Assumptions.assumeTrue(Files.isReadable(published), published + " is not on this machine");
        long rows = 0;
        Instant last = Instant.MIN;
        try (CsvHistory h = CsvHistory.open(published, "date", ZoneOffset.UTC)) {
            for (Optional<CsvHistory.Row> r = h.next(); r.isPresent(); r = h.next()) {
                assertTrue(r.get().time().isAfter(last));
                last = r.get().time();
                rows++;
            }
        }
        assertEquals(8143, rows, "data/README.md: 8,143 rows");
        assertEquals(Instant.parse("2015-02-10T09:33:00Z"), last);
    }
}
