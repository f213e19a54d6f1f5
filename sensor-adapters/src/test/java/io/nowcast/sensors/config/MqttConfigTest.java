package io.nowcast.sensors.config;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.mqtt.MqttChannel;
import io.nowcast.sensors.mqtt.MqttFormat;
import io.nowcast.sensors.mqtt.MqttSource;
import io.nowcast.sensors.mqtt.PayloadUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The keys of an mqtt sensor: what each format takes, and every mistake named with its line. */
class MqttConfigTest {
    @TempDir
    Path dir;

    private List<SensorConfig> read(String text) throws IOException {
        return SensorConfig.readAll(ConfigFile.read(Files.writeString(dir.resolve("station.conf"), text)));
    }

    private List<String> problems(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(text));
        return e.problems().stream().map(p -> p.replace(dir.resolve("station.conf").toString(), "station.conf")).toList();
    }

    @Test
    void anRtl433SensorChoosesAmongTheFormatsChannels() throws IOException {
        SensorConfig c = read("""
                sensor.wh24.type = mqtt
                sensor.wh24.format = rtl_433
                sensor.wh24.topic = rtl_433/+/events
                sensor.wh24.model = Fineoffset-WH24
                sensor.wh24.id = 191
                sensor.wh24.channels = temperature, rain:garden_rain, wind_speed
                """).get(0);
        MqttSource.Spec spec = MqttKeys.spec(c);
        assertEquals(MqttFormat.RTL_433, spec.format());
        assertEquals("rtl_433/+/events", spec.topic());
        assertEquals("Fineoffset-WH24", spec.model());
        assertEquals("191", spec.deviceId());
        assertEquals(Duration.ofMinutes(5), spec.stale());
        assertEquals(List.of(MqttChannel.of(Channel.of(Quantity.TEMPERATURE)),
                MqttChannel.of(new Channel("garden_rain", "rain", Quantity.RAIN)),
                MqttChannel.of(Channel.of(Quantity.WIND_SPEED))), spec.channels());
    }

    @Test
    void jsonAndValueSensorsConfigureEachChannel() throws IOException {
        List<SensorConfig> all = read("""
                sensor.tasmota.type = mqtt
                sensor.tasmota.format = json
                sensor.tasmota.topic = tele/sonoff2/SENSOR
                sensor.tasmota.channel.temperature = HTU21.Temperature
                sensor.tasmota.channel.pressure = BMP280.Pressure
                sensor.tasmota.channel.pressure.unit = inHg
                sensor.tasmota.channel.box = BMP280.Temperature
                sensor.tasmota.channel.box.quantity = temperature
                sensor.tasmota.stale = 15min
                sensor.esp.type = mqtt
                sensor.esp.format = value
                sensor.esp.channel.rain = weather-node/sensor/rain_total/state
                sensor.esp.channel.rain.total = true
                sensor.esp.channel.battery = weather-node/sensor/battery/state
                sensor.esp.channel.battery.quantity = other
                """);
        MqttSource.Spec esp = MqttKeys.spec(all.get(0));
        assertEquals(List.of(new MqttChannel(Channel.of(Quantity.RAIN), "weather-node/sensor/rain_total/state", PayloadUnit.MILLIMETRE, true),
                new MqttChannel(new Channel("battery", "battery", Quantity.OTHER), "weather-node/sensor/battery/state",
                        PayloadUnit.AS_PUBLISHED, false)), esp.channels());
        MqttSource.Spec tasmota = MqttKeys.spec(all.get(1));
        assertEquals(List.of(
                new MqttChannel(Channel.of(Quantity.TEMPERATURE), "HTU21.Temperature", PayloadUnit.CELSIUS, false),
                new MqttChannel(Channel.of(Quantity.PRESSURE), "BMP280.Pressure", PayloadUnit.INCH_OF_MERCURY, false),
                new MqttChannel(new Channel("box", "box", Quantity.TEMPERATURE), "BMP280.Temperature", PayloadUnit.CELSIUS, false)),
                tasmota.channels(), "in the order of their lines");
        assertEquals(Duration.ofMinutes(15), tasmota.stale());
    }

    @Test
    void everyMistakeIsNamedWithItsLine() {
        assertEquals(List.of(
                "station.conf:1: sensor.a.topic is missing (an mqtt sensor with format rtl_433 needs it, e.g. rtl_433/+/events)",
                "station.conf:1: sensor.a.channels is missing (an mqtt sensor with format rtl_433 needs it: choose among "
                        + "temperature, humidity, pressure, rain, rain_rate, wind_speed, wind_gust, wind_dir, uv, light)",
                "station.conf:3: sensor.a.channel.t: only for formats json and value (a rtl_433 sensor chooses among its "
                        + "channels with sensor.a.channels)",
                "station.conf:4: sensor.a.stale = '5': '5' has no unit: write a whole number and a unit (150ms, 10s, 5min or 5m, 1h, 2d) "
                        + "or ISO-8601 (PT10M)",
                "station.conf:5: sensor.a.username: only with sensor.a.broker (without it, the sensor logs in to the "
                        + "station's broker as the station does, with mqtt.*)",
                "station.conf:7: sensor.b.format = 'csv': not a format (rtl_433, weewx, json, value)",
                "station.conf:9: sensor.c.topic = 'a/#/b': not an MQTT topic filter (Invalid usage of multi-level wildcard in topic string: a/#/b)",
                "station.conf:10: sensor.c.channels: a weewx sensor has no channel 'light_level' (it has: temperature, humidity, "
                        + "pressure, pressure_sea_level, rain, rain_rate, wind_speed, wind_gust, wind_dir, radiation, uv, light, dewpoint)",
                "station.conf:11: sensor.c.model: only for format rtl_433 (this sensor's is weewx)"),
                problems("""
                        sensor.a.type = mqtt
                        sensor.a.format = rtl_433
                        sensor.a.channel.t = temperature_C
                        sensor.a.stale = 5
                        sensor.a.username = me
                        sensor.b.type = mqtt
                        sensor.b.format = csv
                        sensor.c.type = mqtt
                        sensor.c.topic = a/#/b
                        sensor.c.channels = temperature, light_level
                        sensor.c.model = x
                        sensor.c.format = weewx
                        """));
    }

    @Test
    void channelFamilyMistakes() {
        assertEquals(List.of(
                "station.conf:1: sensor.v.channel.<name> is missing (an mqtt sensor with format value needs one for each "
                        + "channel, e.g. sensor.v.channel.temperature = weather-node/sensor/temperature/state)",
                "station.conf:3: sensor.v.topic: a value sensor has a topic per channel (sensor.v.channel.<name> = TOPIC); remove this key",
                "station.conf:4: sensor.v.channel.t.unit: there is no sensor.v.channel.t",
                "station.conf:6: sensor.j.channel.wind: what does 'wind' measure? Name the channel after its quantity or give "
                        + "sensor.j.channel.wind.quantity (" + SettingKind.allQuantityNames() + ")",
                "station.conf:7: sensor.j.channel.wind_gust.unit = 'C': not a unit of wind_gust (km/h, m/s, mph, knot)",
                "station.conf:8: sensor.j.channel.wind_gust.total: only rain can be a running total ('wind_gust' is wind_gust)",
                "station.conf:9: sensor.j.channel.gust.quantity = 'gusts': not a quantity (" + SettingKind.allQuantityNames() + ")",
                "station.conf:10: sensor.j.channel.odd.colour: unknown key for a mqtt sensor (known: type, channels, interval, "
                        + "format, topic, model, id, stale, broker, username, password_file, password_env, tls.ca_file, "
                        + "tls.client_keystore, tls.client_keystore_password_file, channel.<name>, channel.<name>.unit, "
                        + "channel.<name>.quantity, channel.<name>.total)",
                "station.conf:11: sensor.j.channel.t.unit: there is no sensor.j.channel.t",
                "station.conf:12: sensor.j.channel.rain = 'a..b': not a field (a member name, or names joined by dots into "
                        + "nested objects: BME280.Temperature)"),
                problems("""
                        sensor.v.type = mqtt
                        sensor.v.format = value
                        sensor.v.topic = x
                        sensor.v.channel.t.unit = C
                        sensor.j.type = mqtt
                        sensor.j.channel.wind = wind speed
                        sensor.j.channel.wind_gust.unit = C
                        sensor.j.channel.wind_gust.total = true
                        sensor.j.channel.gust.quantity = gusts
                        sensor.j.channel.odd.colour = blue
                        sensor.j.channel.t.unit = F
                        sensor.j.channel.rain = a..b
                        sensor.j.format = json
                        sensor.j.topic = t
                        sensor.j.channel.wind_gust = g
                        sensor.j.channel.gust = g
                        """));
    }

    @Test
    void aSensorsOwnBrokerTakesItsOwnLoginAndTlsKeys() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read here");
        SensorConfig c = read("""
                sensor.far.type = mqtt
                sensor.far.format = weewx
                sensor.far.topic = weather/loop
                sensor.far.channels = temperature
                sensor.far.broker = ssl://weewx.example:8883
                sensor.far.username = nowcast
                sensor.far.password_file = secret
                sensor.far.tls.ca_file = ca.pem
                """.replace("secret", Files.writeString(dir.resolve("secret"), "pw\n").getFileName().toString())).get(0);
        assertEquals(ca, c.path("tls.ca_file"), "relative to the configuration file's folder");
        assertEquals(List.of(
                "station.conf:5: sensor.far.tls.ca_file: only with an ssl:// broker (sensor.far.broker is tcp://weewx.example:1883)",
                "station.conf:6: sensor.far.password_file = 'nothere': not a readable file (" + dir.resolve("nothere") + ")",
                "station.conf:7: sensor.far.password_env: give sensor.far.password_file or sensor.far.password_env, not both"),
                problems("""
                        sensor.far.type = mqtt
                        sensor.far.format = weewx
                        sensor.far.topic = weather/loop
                        sensor.far.broker = tcp://weewx.example:1883
                        sensor.far.tls.ca_file = ca.pem
                        sensor.far.password_file = nothere
                        sensor.far.password_env = PW
                        sensor.far.channels = temperature
                        """));
    }
}
