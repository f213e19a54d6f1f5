package io.nowcast.runtime.station.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.SensorType;
import io.nowcast.sensors.config.SensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationConfigTest {
    @TempDir
    Path dir;

    private Path write(String... lines) throws Exception {
        Path f = dir.resolve("station.conf");
        Files.write(f, java.util.List.of(lines));
        return f;
    }

    private static final String[] MINIMAL = {"# a station", "station.id = garden", "model.file = model.ncm",
        "mqtt.broker = tcp://localhost:1883", "sensor.out.type = bme280", "sensor.out.bus = 1"};

    /** The first problem of the file made of {@code lines} (the others: {@link #everyErrorIsListedInLineOrder}). */
    private String error(Map<String, String> env, String... lines) throws Exception {
        Path f = write(lines);
        return assertThrows(ConfigException.class, () -> StationConfig.load(f, env)).problems().get(0);
    }

    @Test
    void everyErrorIsListedInLineOrder() throws Exception {
        Path f = write("station.id = a b", "mqtt.qos = 3", "sensor.x.type = thermometer");
        ConfigException e = assertThrows(ConfigException.class, () -> StationConfig.load(f, Map.of()));
        assertEquals(List.of(f + ":1: station.id is 'a b', allowed 1..64 characters of a-z, A-Z, 0-9, '-' and '_'",
                f + ":2: mqtt.qos is '3', allowed a whole number in 0..2",
                f + ":3: sensor.x.type = 'thermometer': unknown sensor type (known: " + SensorType.allConfigNames() + ")",
                f + ": model.file is required (see docs/station.md)",
                f + ": mqtt.broker is required (see docs/station.md)"),
                e.problems());
        assertEquals(e.problems().get(0) + " (and 4 more problems: nowcast doctor lists them)", e.getMessage(),
                "one line for nowcast run, which counts the others");
    }

    @Test
    void liveSkillKeys() throws Exception {
        StationConfig defaults = StationConfig.load(write(MINIMAL), Map.of());
        assertEquals(new io.nowcast.runtime.station.skill.SkillSettings(false, 100), defaults.skill());
        String[] set = java.util.stream.Stream.concat(java.util.Arrays.stream(MINIMAL),
                java.util.stream.Stream.of("model.fallback = persistence", "skill.min_scored = 288")).toArray(String[]::new);
        assertEquals(new io.nowcast.runtime.station.skill.SkillSettings(true, 288), StationConfig.load(write(set), Map.of()).skill());
        String[] bad = java.util.stream.Stream.concat(java.util.Arrays.stream(MINIMAL),
                java.util.stream.Stream.of("model.fallback = climatology", "skill.min_scored = 0")).toArray(String[]::new);
        Path f = write(bad);
        ConfigException e = assertThrows(ConfigException.class, () -> StationConfig.load(f, Map.of()));
        assertEquals(List.of(f + ":7: model.fallback is 'climatology', allowed none or persistence",
                f + ":8: skill.min_scored is '0', allowed a whole number in 1..1000000"), e.problems());
    }

    @Test
    void modelUpdateKeysAreTheStationsAndCheckedWithTheOthers() throws Exception {
        assertEquals(null, StationConfig.load(write(MINIMAL), Map.of()).updates(), "no public key: no update is taken");
        io.nowcast.runtime.station.update.Updates.Signer.create(dir, "workstation");
        String[] on = java.util.stream.Stream.concat(java.util.Arrays.stream(MINIMAL),
                java.util.stream.Stream.of("model.update.public_key = workstation.pub", "model.update.max_bytes = 512 KiB"))
                .toArray(String[]::new);
        io.nowcast.runtime.station.update.UpdateSettings u = StationConfig.load(write(on), Map.of()).updates();
        assertEquals(List.of(dir.resolve("workstation.pub")), u.keyFiles());
        assertEquals(512 * 1024, u.maxModelBytes());
        String[] bad = java.util.stream.Stream.concat(java.util.Arrays.stream(MINIMAL),
                java.util.stream.Stream.of("mqtt.qos = 3", "model.update.max_bytes = 512 KiB")).toArray(String[]::new);
        Path f = write(bad);
        ConfigException e = assertThrows(ConfigException.class, () -> StationConfig.load(f, Map.of()));
        assertEquals(List.of(f + ":7: mqtt.qos is '3', allowed a whole number in 0..2",
                f + ":8: model.update.max_bytes needs model.update.public_key (see docs/updates.md)"), e.problems());
    }

    @Test
    void readsAMinimalFileWithItsDefaults() throws Exception {
        StationConfig c = StationConfig.load(write(MINIMAL), Map.of());
        assertEquals("garden", c.stationId());
        assertEquals(dir.resolve("model.ncm"), c.modelFile(), "relative paths are relative to the file");
        assertEquals(Path.of("/var/lib/nowcast"), c.dataDir());
        assertEquals("float", c.engine());
        assertEquals(2, c.maxFilledIntervals());
        assertEquals(64L << 20, c.outboxMaxBytes());
        assertTrue(c.discovery());
        assertTrue(c.requireClockSync(), "a synchronised clock is required unless said otherwise");
        assertEquals("nowcast-garden", c.broker().clientId());
        assertEquals(1, c.broker().qos());
        assertNull(c.broker().password());
        assertEquals(1, c.sensors().size());
        assertEquals(SensorType.BME280, c.sensors().get(0).type());
        assertEquals(Duration.ofSeconds(10), c.sensors().get(0).interval());
        assertEquals(dir.resolve("station.conf") + ":6: sensor.out.bus", c.sensors().get(0).where("bus"));
    }

    @Test
    void readsEveryOtherKey() throws Exception {
        Files.writeString(dir.resolve("pw"), "s3cret\n");
        Files.writeString(dir.resolve("ca.pem"), "");
        StationConfig c = StationConfig.load(write("station.id = roof", "station.data_dir = /tmp/x", "model.file = /m.ncm",
                "model.engine = Q16", "gaps.max_filled_intervals = 0", "history.keep_months = 2",
                "outbox.max_bytes = 512 KiB", "mqtt.broker = ssl://broker:8883", "mqtt.client_id = pi",
                "mqtt.qos = 2", "mqtt.username = station", "mqtt.password_file = pw", "mqtt.keep_alive_seconds = 60",
                "mqtt.reconnect_min_seconds = 2", "mqtt.reconnect_max_seconds = 30", "mqtt.tls.ca_file = ca.pem",
                "homeassistant.discovery = false", "homeassistant.prefix = ha", "homeassistant.expire_after_intervals = 5",
                "sensor.sim.type = simulated"),
                Map.of());
        assertEquals("q16", c.engine());
        assertEquals(0, c.maxFilledIntervals());
        assertEquals(512 * 1024, c.outboxMaxBytes());
        assertArrayEquals("s3cret".toCharArray(), c.broker().password(), "the file's first line, newline dropped");
        assertEquals(dir.resolve("ca.pem"), c.broker().caFile());
        assertEquals(2, c.broker().qos());
        assertEquals(60, c.broker().keepAliveSeconds());
        assertFalse(c.discovery());
        assertEquals("ha", c.discoveryPrefix());
        assertEquals(5, c.expireAfterIntervals());
        assertFalse(c.broker().toString().contains("s3cret"), "the password never appears in text");
    }

    @Test
    void theClockSyncRequirementCanBeTurnedOffAndIsCheckedLikeTheOtherSwitches() throws Exception {
        String[] off = java.util.Arrays.copyOf(MINIMAL, MINIMAL.length + 1);
        off[MINIMAL.length] = "station.require_clock_sync = false";
        assertFalse(StationConfig.load(write(off), Map.of()).requireClockSync());
        off[MINIMAL.length] = "station.require_clock_sync = sometimes";
        assertEquals(dir.resolve("station.conf") + ":7: station.require_clock_sync is 'sometimes', allowed true or false",
                error(Map.of(), off));
    }

    @Test
    void takesThePasswordFromTheEnvironment() throws Exception {
        StationConfig c = StationConfig.load(write("station.id = a", "model.file = m.ncm", "mqtt.broker = tcp://h:1",
                "mqtt.password_env = NOWCAST_MQTT_PASSWORD", "sensor.sim.type = simulated"),
                Map.of("NOWCAST_MQTT_PASSWORD", "from-env"));
        assertArrayEquals("from-env".toCharArray(), c.broker().password());
        String e = error(Map.of(), "station.id = a", "model.file = m.ncm", "mqtt.broker = tcp://h:1",
                "mqtt.password_env = NOWCAST_MQTT_PASSWORD");
        assertEquals(dir.resolve("station.conf") + ":4: mqtt.password_env is 'NOWCAST_MQTT_PASSWORD', allowed the name of "
                + "a set environment variable (NOWCAST_MQTT_PASSWORD is not set)", e);
    }

    @Test
    void namesTheLineOfAnUnknownKeyOrABadValue() throws Exception {
        String conf = dir.resolve("station.conf").toString();
        assertEquals(conf + ":3: unknown key 'mqtt.brokr' (see docs/station.md)",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.brokr = tcp://h:1"));
        assertEquals(conf + ":4: mqtt.qos is '3', allowed a whole number in 0..2",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "mqtt.qos = 3"));
        assertEquals(conf + ":3: mqtt.broker is 'http://h', allowed tcp://HOST:PORT or ssl://HOST:PORT",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = http://h"));
        assertEquals(conf + ":2: expected 'key = value', found 'just words'",
                error(Map.of(), "station.id = a", "just words"));
        assertEquals(conf + ":2: station.id is already set on line 1",
                error(Map.of(), "station.id = a", "station.id = b"));
        assertEquals(conf + ": mqtt.broker is required (see docs/station.md)",
                error(Map.of(), "station.id = a", "model.file = m"));
        assertEquals(conf + ":4: outbox.max_bytes is '1000', allowed a byte count of at least 65536 (e.g. 65536, 512 KiB, 64 MiB)",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "outbox.max_bytes = 1000"));
        assertEquals(conf + ":1: station.id is 'my station', allowed 1..64 characters of a-z, A-Z, 0-9, '-' and '_'",
                error(Map.of(), "station.id = my station"));
    }

    @Test
    void aSensorMistakeNamesTheFileTheLineAndTheKey() throws Exception {
        String conf = dir.resolve("station.conf").toString();
        assertEquals(conf + ":6: sensor.out.bus is already set on line 5",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "sensor.out.type = bme280",
                        "sensor.out.bus = 1", "sensor.out.bus = 2"));
        assertTrue(error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "sensor.out.type = bme280",
                "sensor.out.adress = 0x76").startsWith(conf + ":5: sensor.out.adress: unknown key for a bme280 sensor (known: "));
        assertEquals(conf + ":5: sensor.out.interval = '10': '10' has no unit: write a whole number and a unit (150ms, 10s, "
                        + "5min or 5m, 1h, 2d) or ISO-8601 (PT10M)",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "sensor.out.type = bme280",
                        "sensor.out.interval = 10"));
        assertEquals(conf + ":4: sensor.soil.device is missing (a ds18b20 sensor needs it)",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1", "sensor.soil.type = ds18b20"));
        assertEquals(conf + ": no sensor configured (add sensor.<id>.type = ..., see docs/sensors.md)",
                error(Map.of(), "station.id = a", "model.file = m", "mqtt.broker = tcp://h:1"));
    }

    @Test
    void theSensorsAloneAreReadTheSameWayWithoutTheStationsKeys() throws Exception {
        Path f = write("sensor.out.type = bme280", "sensor.out.interval = 1min");
        assertEquals(Duration.ofMinutes(1), StationConfig.sensors(f).get(0).interval());
        Path typo = write("sensor.out.type = bme280", "mqtt.brokr = tcp://h:1");
        assertEquals(typo + ":2: unknown key 'mqtt.brokr' (see docs/station.md)",
                assertThrows(ConfigException.class, () -> StationConfig.sensors(typo)).getMessage());
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> StationConfig.load(missing, Map.of()));
        assertEquals(missing + ": no such configuration file", e.getMessage());
    }
}
