package io.nowcast.sensors.csv;

import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorFactory;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.SysfsReader;
import io.nowcast.sensors.TestHardware;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.sim.SimulatedStation;
import io.nowcast.sensors.sim.SimulatedWeather;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReplaySourceTest {
    // the first lines of the UCI occupancy file as published: 7 header names, 8 fields per row
    private static final String OCCUPANCY = """
            "date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"
            "1","2015-02-04 17:51:00",23.18,27.272,426,721.25,0.00479298817650529,1
            "2","2015-02-04 17:51:59",23.15,27.2675,429.5,714,0.00478344094931065,1
            """;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final SensorFactory factory = new SensorFactory(TestHardware.of(SysfsReader.FILES, clock), clock);

    private SensorSource replay(String csv, Map<String, String> extra) throws IOException {
        Path f = Files.writeString(dir.resolve("history.csv"), csv);
        var settings = new java.util.HashMap<>(extra);
        settings.put("file", f.toString());
        return factory.create(SensorConfig.of("replay", "csv-replay", settings));
    }

    private static final String TEN_MINUTES = "timestamp,temperature,humidity\n"
            + "2026-01-01T00:00:00Z,1.0,80\n"
            + "2026-01-01T00:10:00Z,,81\n"
            + "2026-01-01T00:20:00Z,1.5,oops\n"
            + "2026-01-01T00:30:00Z,2.0,83\n";

    @Test
    void playsBackAtTheChosenSpeed() throws IOException {
        try (SensorSource s = replay(TEN_MINUTES, Map.of("speed", "60"))) {   // a recorded minute per second
            Reading first = s.read();
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), first.time());
            assertEquals(1.0, first.valueOrNaN("temperature"));
            clock.advance(Duration.ofSeconds(9));                              // 9 recorded minutes
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.read().time(), "still the first row");
            clock.advance(Duration.ofSeconds(1));
            Reading gap = s.read();
            assertEquals(Instant.parse("2026-01-01T00:10:00Z"), gap.time());
            assertEquals(ChannelStatus.MISSING, gap.channel("temperature").orElseThrow().status());
            assertEquals("no value recorded (line 3)", gap.channel("temperature").orElseThrow().reason());
            clock.advance(Duration.ofSeconds(10));
            Reading bad = s.read();
            assertEquals(ChannelStatus.REJECTED, bad.channel("humidity").orElseThrow().status());
            assertTrue(bad.channel("humidity").orElseThrow().reason().endsWith("history.csv:4: column 'humidity': 'oops' is not a number"),
                    bad.channel("humidity").orElseThrow().reason());
            clock.advance(Duration.ofSeconds(10));
            assertEquals(2.0, s.read().valueOrNaN("temperature"));
            clock.advance(Duration.ofSeconds(11));                             // past the last row's step
            Reading end = s.read();
            assertEquals("the recording ended at 2026-01-01T00:30:00Z", end.channels().get(0).reason());
        }
    }

    @Test
    void channelsCanBeSelectedAndRenamedAndOccupancyColumnsFindTheirQuantity() throws IOException {
        try (SensorSource s = replay(OCCUPANCY, Map.of("timestamp-column", "date",
                "channels", "Temperature:temperature, CO2:co2"))) {
            assertEquals(List.of("temperature", "co2"), s.channels().stream().map(c -> c.name()).toList());
            assertEquals(io.nowcast.history.Quantity.TEMPERATURE, s.channels().get(0).quantity());
            assertEquals(io.nowcast.history.Quantity.OTHER, s.channels().get(1).quantity());
            Reading r = s.read();
            assertEquals(23.18, r.valueOrNaN("temperature"));
            assertEquals(721.25, r.valueOrNaN("co2"));
        }
    }

    @Test
    void rowsGoingBackInTimeAreSkipped() throws IOException {
        String csv = "timestamp,temperature\n2026-01-01T00:00:00Z,1\n2025-12-31T00:00:00Z,9\n2026-01-01T00:10:00Z,2\n";
        try (SensorSource s = replay(csv, Map.of("speed", "600"))) {
            s.read();
            clock.advance(Duration.ofSeconds(1));
            assertEquals(2.0, s.read().valueOrNaN("temperature"));
        }
    }

    @Test
    void aMissingFileOrColumnIsAConfigurationErrorNamingTheKey() throws IOException {
        ConfigException noFile = assertThrows(ConfigException.class, () -> factory.create(
                SensorConfig.of("replay", "csv-replay", Map.of("file", dir.resolve("nope.csv").toString()))));
        assertTrue(noFile.getMessage().startsWith("<code>: sensor.replay.file = '"), noFile.getMessage());
        ConfigException noColumn = assertThrows(ConfigException.class,
                () -> replay(TEN_MINUTES, Map.of("channels", "pressure")));
        assertEquals("<code>: sensor.replay.channels: no channel 'pressure' (available: temperature, humidity)", noColumn.getMessage());
    }

    @Test
    void simulatedHistoryWrittenAsCsvReplaysToTheSameValues() throws IOException {
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        SimulatedStation sim = new SimulatedStation("sim", new SimulatedWeather(4, ZoneOffset.UTC, 12),
                SimulatedStation.allChannels(), clock, Duration.ofMinutes(10));
        StringWriter out = new StringWriter();
        ReadingCsvWriter w = new ReadingCsvWriter(out, sim.channels());
        assertEquals(36, w.writeAll(sim.history(start, Duration.ofMinutes(10), 36)));
        List<Reading> expected = new ArrayList<>();
        sim.history(start, Duration.ofMinutes(10), 36).forEachRemaining(expected::add);
        assertTrue(out.toString().startsWith("timestamp,temperature,humidity,pressure,rain,wind_speed\n2026-06-01T00:00:00Z,"));
        try (SensorSource replay = replay(out.toString(), Map.of("speed", "600"))) {
            for (Reading e : expected) {
                assertEquals(e, replay.read());
                clock.advance(Duration.ofSeconds(1));                        // 600 s recorded per second
            }
        }
    }
}
