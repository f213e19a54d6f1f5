package io.nowcast.sensors.config;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.Quantity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensorConfigTest {

    private static Properties props(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static String error(String text) {
        return assertThrows(SensorConfigException.class,
                () -> SensorConfig.fromProperties(props(text), "station.properties")).getMessage();
    }

    @Test
    void readsTheAgreedExampleAndIgnoresOtherKeys() throws IOException {
        List<SensorConfig> all = SensorConfig.fromProperties(props("""
                station.id = garden
                mqtt.broker = tcp://localhost:1883
                sensor.outside.type = bme280
                sensor.outside.bus = 1
                sensor.outside.address = 0x76
                sensor.outside.channels = temperature,humidity,pressure
                sensor.outside.interval = 10s
                sensor.attic.type = ds18b20
                sensor.attic.device = 28-0316a279d3ff
                """), "station.properties");
        assertEquals(List.of("attic", "outside"), all.stream().map(SensorConfig::id).toList(), "ordered by id");
        SensorConfig outside = all.get(1);
        assertEquals(SensorType.BME280, outside.type());
        assertEquals(0x76, outside.address("address"));
        assertEquals(Duration.ofSeconds(10), outside.interval());
        assertEquals(1, outside.integer("oversampling.humidity"), "defaults fill the rest");
        assertEquals(Duration.ofSeconds(10), all.get(0).interval(), "interval defaults to 10 s");
    }

    @Test
    void channelsSelectAndRename() {
        SensorConfig c = SensorConfig.of("in", "sht3x", Map.of("channels", "humidity:indoor_humidity, temperature"));
        List<Channel> ch = c.resolveChannels(List.of(Channel.of(Quantity.TEMPERATURE), Channel.of(Quantity.HUMIDITY)));
        assertEquals(List.of(new Channel("indoor_humidity", "humidity", Quantity.HUMIDITY),
                new Channel("temperature", "temperature", Quantity.TEMPERATURE)), ch);
    }

    @Test
    void everyMistakeNamesTheFileAndTheKey() {
        assertEquals("station.properties: sensor.outside.adress: unknown key for a bme280 sensor (known: type, channels, "
                        + "interval, bus, address, oversampling.temperature, oversampling.pressure, filter, "
                        + "oversampling.humidity, timeout, attempts, backoff-max, stuck-after)",
                error("sensor.outside.type = bme280\nsensor.outside.adress = 0x76\n"));
        assertEquals("station.properties: sensor.outside.address = '0x99': not an I2C address (0x03..0x77)",
                error("sensor.outside.type = bme280\nsensor.outside.address = 0x99\n"));
        assertEquals("station.properties: sensor.outside.type is missing (one of: bme280, bmp280, sht3x, sht4x, ds18b20, "
                        + "iio, rain-gauge, anemometer, simulated, csv-replay)",
                error("sensor.outside.address = 0x76\n"));
        assertTrue(error("sensor.outside.type = bme281\n")
                .startsWith("station.properties: sensor.outside.type = 'bme281': unknown sensor type"));
        assertEquals("station.properties: sensor.outside.interval = 'often': 'often' is not a duration (write e.g. 500ms, 10s, 5m, 1h)",
                error("sensor.outside.type = bme280\nsensor.outside.interval = often\n"));
        assertEquals("station.properties: sensor.outside.channels: a bmp280 has no channel 'humidity' (it has: temperature, pressure)",
                error("sensor.outside.type = bmp280\nsensor.outside.channels = temperature, humidity\n"));
        assertEquals("station.properties: sensor.outside.channels = 'temperature, temperature': channel name 'temperature' appears twice",
                error("sensor.outside.type = bme280\nsensor.outside.channels = temperature, temperature\n"));
        assertEquals("station.properties: sensor.attic.device is missing (a ds18b20 sensor needs it)",
                error("sensor.attic.type = ds18b20\n"));
        assertEquals("station.properties: sensor.x: give exactly one of sensor.x.device, sensor.x.driver",
                error("sensor.x.type = iio\n"));
        assertEquals("station.properties: sensor.x: expected sensor.<id>.<key>", error("sensor.x = 1\n"));
        assertEquals("station.properties: sensor.a b.type: sensor id 'a b' may only hold letters, digits, _ and -",
                error("sensor.a\\ b.type = bme280\n"));
        assertEquals("station.properties: sensor.rain.oversampling.pressure = '3': oversampling must be 1, 2, 4, 8 or 16",
                error("sensor.rain.type = bmp280\nsensor.rain.oversampling.pressure = 3\n"));
        assertEquals("station.properties: sensor.w.pin = '60': not a BCM GPIO number (0..53)",
                error("sensor.w.type = anemometer\nsensor.w.pin = 60\n"));
    }

    @Test
    void valuesAreTrimmedAndHexOrDecimalAddressesWork() throws IOException {
        SensorConfig c = SensorConfig.fromProperties(props("sensor.s.type =  SHT4X  \nsensor.s.address = 69 \n"), "f").get(0);
        assertEquals(SensorType.SHT4X, c.type());
        assertEquals(0x45, c.address("address"));
    }
}
