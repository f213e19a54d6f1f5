package io.nowcast.history;

import io.nowcast.history.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history format's rules, one test each; expected values are read off the test's own text. */
class HistoryReaderTest {
    private static final TimestampParser UTC = new TimestampParser(null, ZoneOffset.UTC);

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

    private static HistoryReader read(String content, boolean timeRequired) throws IOException {
        return HistoryReader.open(new BufferedReader(new StringReader(content)), "h.csv", HistoryReader.TIMESTAMP, UTC,
                timeRequired);
    }

    @Test
    void readsTheOccupancyQuirksQuotedNamesRowLabelsAndLocalTimes() throws Exception {
        TimestampParser lisbon = new TimestampParser(null, ZoneId.of("Europe/Lisbon"));
        try (HistoryReader h = HistoryReader.open(file(OCCUPANCY), "date", lisbon)) {
            assertEquals(List.of("Temperature", "Humidity", "Light", "CO2", "HumidityRatio", "Occupancy"), h.valueColumns());
            HistoryReader.Row r = h.next();
            assertEquals(2, r.line());
            // Lisbon is on UTC (WET) in February
            assertEquals(Instant.parse("2015-02-04T17:51:00Z"), r.time());
            assertEquals(23.18, h.value(r, h.column("temperature")), "names match ignoring case");
            assertEquals(Instant.parse("2015-02-04T17:51:59Z"), h.next().time());
            assertNull(h.next());
        }
    }

    @Test
    void missingValuesAreEmptyNaNaNAndNullInAnyCase() throws Exception {
        String csv = "timestamp,a,b,c,d,e\n2026-01-01T00:00:00Z,,NA,nan,NULL,1.5\n";
        try (HistoryReader h = read(csv, true)) {
            HistoryReader.Row r = h.next();
            for (int k = 0; k < 4; k++) {
                assertTrue(Double.isNaN(h.value(r, k)), "column " + h.valueColumns().get(k));
            }
            assertEquals(1.5, h.value(r, 4));
        }
    }

    @Test
    void aByteOrderMarkBlankLinesAndOffsetsAreRead() throws Exception {
        String csv = "\uFEFFtimestamp,temperature\n2026-01-01T00:00:00Z,1\n\n2026-01-01T01:20:00+01:00,1.25\n";
        try (HistoryReader h = read(csv, true)) {
            assertEquals(List.of("temperature"), h.valueColumns());
            h.next();
            HistoryReader.Row offset = h.next();
            assertEquals(4, offset.line(), "blank lines are skipped but counted");
            assertEquals(Instant.parse("2026-01-01T00:20:00Z"), offset.time());
        }
    }

    @Test
    void badFieldsNameFileLineAndColumnAndTheRestStillReads() throws Exception {
        String csv = "timestamp,temperature\n2026-01-01T00:00:00Z,1,2,3\nyesterday,4\n2026-01-01T00:20:00Z,warm\n"
                + "2026-01-01T00:30:00Z,1e999\n\"2026-01-01T00:40:00Z,5\nlabel,2026-01-01T00:45:00Z,5\n"
                + "2026-01-01T00:50:00Z,6\n";
        try (HistoryReader h = read(csv, true)) {
            assertEquals("h.csv:2: 4 fields, the header names 2 (one more, a leading row label, is allowed)",
                    assertThrows(CsvFormatException.class, h::next).getMessage());
            assertEquals("h.csv:3: column 'timestamp': 'yesterday' is not an ISO-8601 timestamp",
                    assertThrows(CsvFormatException.class, h::next).getMessage());
            HistoryReader.Row warm = h.next();
            assertEquals("h.csv:4: column 'temperature': 'warm' is not a number",
                    assertThrows(CsvFormatException.class, () -> h.value(warm, 0)).getMessage());
            HistoryReader.Row huge = h.next();
            assertEquals("h.csv:5: column 'temperature': '1e999' is not a finite number",
                    assertThrows(CsvFormatException.class, () -> h.value(huge, 0)).getMessage());
            assertEquals("h.csv:6: a quoted field is not closed",
                    assertThrows(CsvFormatException.class, h::next).getMessage());
            assertEquals("h.csv:7: 3 fields, the rows before it have 2",
                    assertThrows(CsvFormatException.class, h::next).getMessage());
            assertEquals(6.0, h.value(h.next(), 0));
        }
    }

    @Test
    void headersAreCheckedEmptyRepeatedAndMissingTimeColumn() {
        assertEquals("h.csv:1: the file is empty; it needs a header row naming its columns",
                assertThrows(CsvFormatException.class, () -> read("", true)).getMessage());
        assertEquals("h.csv:1: column 3: the name 'Temperature' is empty or repeated",
                assertThrows(CsvFormatException.class, () -> read("timestamp,temperature,Temperature\n", true)).getMessage());
        assertEquals("h.csv:1: column 2: the name '' is empty or repeated",
                assertThrows(CsvFormatException.class, () -> read("timestamp,,x\n", true)).getMessage());
        assertEquals("h.csv:1: no time column 'timestamp' (columns: time, temperature)",
                assertThrows(CsvFormatException.class, () -> read("time,temperature\n", true)).getMessage());
    }

    @Test
    void aMissingColumnIsNamedWithTheOnesThereAre() throws Exception {
        try (HistoryReader h = read("timestamp,temperature,humidity\n", true)) {
            assertEquals("h.csv:1: no column 'pressure' (columns: timestamp, temperature, humidity)",
                    assertThrows(CsvFormatException.class, () -> h.column("pressure")).getMessage());
            assertEquals(-1, h.columnOrMinusOne("pressure"));
        }
    }

    @Test
    void withoutARequiredTimeColumnRowsHaveNoTime() throws Exception {
        try (HistoryReader h = read("a,b\n1,2\n", false)) {
            assertFalse(h.hasTimes());
            HistoryReader.Row r = h.next();
            assertNull(r.time());
            assertEquals(List.of("1", "2"), r.values());
        }
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        StringWriter out = new StringWriter();
        HistoryWriter w = HistoryWriter.withHeader(out, List.of("temperature", "pressure"));
        w.row(Instant.parse("2026-01-01T00:10:00Z"), new double[] {-3.25, Double.NaN});
        w.row(Instant.parse("2026-01-01T00:20:00Z"), new double[] {21.53337, 1013.2});
        assertEquals("timestamp,temperature,pressure\n2026-01-01T00:10:00Z,-3.25,\n2026-01-01T00:20:00Z,21.5334,1013.2\n",
                out.toString());
        try (HistoryReader h = read(out.toString(), true)) {
            HistoryReader.Row first = h.next();
            assertEquals(Instant.parse("2026-01-01T00:10:00Z"), first.time());
            assertEquals(-3.25, h.value(first, 0));
            assertTrue(Double.isNaN(h.value(first, 1)));
            assertEquals(1013.2, h.value(h.next(), 1));
        }
    }

    @Test
    void theWholePublishedOccupancyFileReads() throws Exception {
        Path published = SharedData.file("occupancy/datatraining.txt");
        Assumptions.assumeTrue(published != null, () -> SharedData.skipReason("occupancy/datatraining.txt"));
        long rows = 0;
        Instant last = Instant.MIN;
        try (HistoryReader h = HistoryReader.open(published, "date", UTC)) {
            for (HistoryReader.Row r = h.next(); r != null; r = h.next()) {
                assertTrue(r.time().isAfter(last));
                last = r.time();
                rows++;
            }
        }
        assertEquals(8143, rows, "shared/data/README.md: 8,143 rows");
        assertEquals(Instant.parse("2015-02-10T09:33:00Z"), last);
    }
}
