package io.nowcast.sensors.config;

import io.nowcast.sensors.Channel;
import io.nowcast.history.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensorConfigTest {
    @TempDir
    Path dir;

    private List<SensorConfig> read(String text) throws IOException {
        return SensorConfig.readAll(ConfigFile.read(Files.writeString(dir.resolve("station.conf"), text)));
    }

    /** The message for {@code text}, with the file's path shortened to {@code station.conf}. */
    private String error(String text) {
        String message = assertThrows(ConfigException.class, () -> read(text)).getMessage();
        return message.replace(dir.resolve("station.conf").toString(), "station.conf");
    }

    @Test
    void readsTheAgreedExampleAndIgnoresOtherKeys() throws IOException {
        List<SensorConfig> all = read("""
                station.id = garden
                mqtt.broker = tcp://localhost:1883
                sensor.outside.type = bme280
                sensor.outside.bus = 1
                sensor.outside.address = 0x76
                sensor.outside.channels = temperature,humidity,pressure
                sensor.outside.interval = 10s
                sensor.attic.type = ds18b20
                sensor.attic.device = 28-0316a279d3ff
                """);
        assertEquals(List.of("attic", "outside"), all.stream().map(SensorConfig::id).toList(), "ordered by id");
        SensorConfig outside = all.get(1);
        assertEquals(SensorType.BME280, outside.type());
        assertEquals(0x76, outside.address("address"));
        assertEquals(Duration.ofSeconds(10), outside.interval());
        assertEquals(1, outside.integer("oversampling.humidity"), "defaults fill the rest");
        assertEquals(Duration.ofSeconds(10), all.get(0).interval(), "interval defaults to 10s");
        assertEquals(Duration.ofMinutes(5), outside.duration("backoff-max"));
    }

    @Test
    void channelsSelectAndRename() throws ConfigException {
        SensorConfig c = SensorConfig.of("in", "sht3x", Map.of("channels", "humidity:indoor_humidity, temperature"));
        List<Channel> ch = c.resolveChannels(List.of(Channel.of(Quantity.TEMPERATURE), Channel.of(Quantity.HUMIDITY)));
        assertEquals(List.of(new Channel("indoor_humidity", "humidity", Quantity.HUMIDITY),
                new Channel("temperature", "temperature", Quantity.TEMPERATURE)), ch);
    }

    @Test
    void everyMistakeNamesTheFileTheLineAndTheKey() {
        assertEquals("station.conf:3: sensor.outside.adress: unknown key for a bme280 sensor (known: type, channels, "
                        + "interval, bus, address, oversampling.temperature, oversampling.pressure, filter, "
                        + "oversampling.humidity, timeout, attempts, backoff-max, stuck-after)",
                error("# garden\nsensor.outside.type = bme280\nsensor.outside.adress = 0x76\n"));
        assertEquals("station.conf:2: sensor.outside.address = '0x99': not an I2C address (0x03..0x77)",
                error("sensor.outside.type = bme280\nsensor.outside.address = 0x99\n"));
        assertEquals("station.conf:2: sensor.outside.type is missing (one of: bme280, bmp280, sht3x, sht4x, ds18b20, "
                        + "iio, rain-gauge, anemometer, simulated, csv-replay, mqtt)",
                error("station.id = a\nsensor.outside.address = 0x76\n"));
        assertTrue(error("sensor.outside.type = bme281\n")
                .startsWith("station.conf:1: sensor.outside.type = 'bme281': unknown sensor type"));
        assertEquals("station.conf:2: sensor.outside.interval = 'often': 'often' is not a duration: write a whole number "
                        + "and a unit (150ms, 10s, 5min or 5m, 1h, 2d) or ISO-8601 (PT10M)",
                error("sensor.outside.type = bme280\nsensor.outside.interval = often\n"));
        assertEquals("station.conf:2: sensor.outside.channels: a bmp280 has no channel 'humidity' (it has: temperature, pressure)",
                error("sensor.outside.type = bmp280\nsensor.outside.channels = temperature, humidity\n"));
        assertEquals("station.conf:2: sensor.outside.channels = 'temperature, temperature': channel name 'temperature' appears twice",
                error("sensor.outside.type = bme280\nsensor.outside.channels = temperature, temperature\n"));
        assertEquals("station.conf:1: sensor.x: expected sensor.<id>.<key>", error("sensor.x = 1\n"));
        assertEquals("station.conf:1: sensor.a b.type: sensor id 'a b' may only hold letters, digits, _ and -",
                error("sensor.a b.type = bme280\n"));
        assertEquals("station.conf:2: sensor.rain.oversampling.pressure = '3': oversampling must be 1, 2, 4, 8 or 16",
                error("sensor.rain.type = bmp280\nsensor.rain.oversampling.pressure = 3\n"));
        assertEquals("station.conf:2: sensor.w.pin = '60': not a BCM GPIO number (0..53)",
                error("sensor.w.type = anemometer\nsensor.w.pin = 60\n"));
        assertEquals("station.conf:1: sensor.o.timeout = '2': '2' has no unit: write a whole number and a unit (150ms, "
                        + "10s, 5min or 5m, 1h, 2d) or ISO-8601 (PT10M)",
                error("sensor.o.timeout = 2\nsensor.o.type = sht3x\n"));
    }

    @Test
    void aMissingKeyIsNamedAtTheLineOfTheSensorsType() {
        assertEquals("station.conf:3: sensor.attic.device is missing (a ds18b20 sensor needs it)",
                error("sensor.attic.interval = 1min\n\nsensor.attic.type = ds18b20\n"));
        assertEquals("station.conf:2: sensor.x: give exactly one of sensor.x.device, sensor.x.driver",
                error("station.id = a\nsensor.x.type = iio\n"));
    }

    @Test
    void aFileWithoutSensorsNamesTheFile() {
        assertEquals("station.conf: no sensor configured (add sensor.<id>.type = ..., see docs/sensors.md)",
                error("station.id = garden\n"));
    }

    @Test
    void aSensorBuiltInCodeIsNamedAsCode() {
        assertEquals("<code>: sensor.x.seed = 'many': not a whole number", assertThrows(ConfigException.class,
                () -> SensorConfig.of("x", "simulated", Map.of("seed", "many"))).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> SensorConfig.of("x", "bme281", Map.of())).getMessage()
                .startsWith("<code>: sensor.x.type = 'bme281': unknown sensor type"));
    }

    @Test
    void valuesAreTrimmedAndHexOrDecimalAddressesWork() throws IOException {
        SensorConfig c = read("sensor.s.type =  SHT4X  \nsensor.s.address = 69 \n").get(0);
        assertEquals(SensorType.SHT4X, c.type());
        assertEquals(0x45, c.address("address"));
    }
}
