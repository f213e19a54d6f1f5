package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {
    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void oneFilePerUtcMonthAndOldMonthsAreDeleted() throws Exception {
        try (HistoryCsv h = new HistoryCsv(dir, List.of(new Channel("t", "°C")), 2)) {
            h.append(Instant.parse("2026-01-31T23:50:00Z"), new double[] {1.5});
            h.append(Instant.parse("2026-02-01T00:00:00Z"), new double[] {Double.NaN});
            h.append(Instant.parse("2026-03-01T00:00:00Z"), new double[] {-2});
            assertEquals(List.of("history-2026-01.csv", "history-2026-02.csv", "history-2026-03.csv"), names());
            h.append(Instant.parse("2026-04-01T00:00:00Z"), new double[] {3});
        }
        // keep 2 months: at April, files before February go.
        assertEquals(List.of("history-2026-02.csv", "history-2026-03.csv", "history-2026-04.csv"), names());
        assertEquals(List.of("timestamp,t", "2026-02-01T00:00:00Z,"), Files.readAllLines(dir.resolve("history-2026-02.csv")),
                "a channel without a value is an empty field");
    }

    @Test
    void aChangeOfChannelsStartsANewFileInsteadOfMixingColumns() throws Exception {
        try (HistoryCsv h = new HistoryCsv(dir, List.of(new Channel("t", "°C")), 13)) {
            h.append(Instant.parse("2026-05-01T00:00:00Z"), new double[] {1});
        }
        try (HistoryCsv h = new HistoryCsv(dir, List.of(new Channel("t", "°C"), new Channel("p", "hPa")), 13)) {
            h.append(Instant.parse("2026-05-01T00:10:00Z"), new double[] {2, 1000});
        }
        List<String> names = names();
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.get(0).matches("history-2026-05\\.csv"), names.toString());
        assertTrue(names.get(1).matches("history-2026-05\\.until-\\d+\\.csv"), names.toString());
        assertEquals(List.of("timestamp,t,p", "2026-05-01T00:10:00Z,2,1000"),
                Files.readAllLines(dir.resolve("history-2026-05.csv")));
        assertEquals(List.of("timestamp,t", "2026-05-01T00:00:00Z,1"), Files.readAllLines(dir.resolve(names.get(1))));
        assertFalse(Files.readString(dir.resolve(names.get(1))).contains("1000"));
    }
}
