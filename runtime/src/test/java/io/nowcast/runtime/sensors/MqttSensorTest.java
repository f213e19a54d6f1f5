package io.nowcast.runtime.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestCertificates;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.ChannelStatus;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorSource;
import io.nowcast.sensors.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mqtt sensors against a real Mosquitto, started by each test on a free loopback port, stopped and
 * started again where the test needs it. Payloads: rtl_433's own test data (see
 * io.nowcast.sensors.mqtt.Rtl433FormatTest in sensor-adapters for each one's source), weewx-mqtt's
 * loop packet and ESPHome's states as WeewxFormatTest and JsonAndValueFormatTest there describe them.
 */
class MqttSensorTest {
    /** merbanan/rtl_433_tests tests/fineoffset_wh24/g002.json. */
    static final String WH24 = "{\"time\" : \"@0.210808s\", \"model\" : \"Fineoffset-WH24\", \"id\" : 191, \"battery_ok\" : 1, "
            + "\"temperature_C\" : 11.800, \"humidity\" : 78, \"wind_dir_deg\" : 258, \"wind_avg_m_s\" : 0.980, "
            + "\"wind_max_m_s\" : 1.120, \"rain_mm\" : 22.200, \"uv\" : 1, \"uvi\" : 0, \"light_lux\" : 0.000, \"mic\" : \"CRC\"}";
    /** merbanan/rtl_433_tests tests/nexus/01/gfile001.json. */
    static final String NEXUS = "{\"time\" : \"@0.091892s\", \"model\" : \"Nexus-TH\", \"id\" : 181, \"channel\" : 2, "
            + "\"battery_ok\" : 0, \"temperature_C\" : 19.000, \"humidity\" : 71}";
    static final String[] WH24_SENSOR = {
        "sensor.wh24.type = mqtt",
        "sensor.wh24.format = rtl_433",
        "sensor.wh24.topic = rtl_433/+/events",
        "sensor.wh24.model = Fineoffset-WH24",
        "sensor.wh24.id = 191",
        "sensor.wh24.channels = temperature, humidity, rain, wind_speed"};

    @TempDir
    Path tmp;

    private static ChannelReading channel(Reading r, String name) {
        return r.channel(name).orElseThrow();
    }

    private static String[] with(String[] lines, String... more) {
        String[] all = java.util.Arrays.copyOf(lines, lines.length + more.length);
        System.arraycopy(more, 0, all, lines.length, more.length);
        return all;
    }

    @Test
    void rtl433EventsOnAWildcardTopicReachTheReading() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            SensorSource s = rig.sensor(WH24_SENSOR);
            assertTrue(s.awaitData(java.time.Duration.ZERO) == false);
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), s, "rtl_433/pi/events", WH24, "temperature", 11.8);
            rig.publish("rtl_433/other-pi/events", NEXUS);               // another device: not ours
            rig.publish("rtl_433/pi/events", WH24.replace("\"rain_mm\" : 22.200", "\"rain_mm\" : 22.500"));
            Await.until("the rain of the second event", 10, () -> {
                Reading r = s.read();
                return channel(r, "rain").isOk() && channel(r, "rain").value() > 0.29;
            });
            Reading r = s.read();
            assertEquals(11.8, channel(r, "temperature").value());       // not the Nexus's 19.0
            assertEquals(78, channel(r, "humidity").value());
            assertEquals(0.98 * 3.6, channel(r, "wind_speed").value(), 1e-12);
            assertTrue(rig.broker.log().contains("as nowcast-garden-sensor-wh24"), "client id <station's>-sensor-<id>");
        }
    }

    @Test
    void weewxPacketsAndEspHomeStatesOverTheBroker() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            List<SensorSource> both = rig.sensors(rig.config(
                    "sensor.weewx.type = mqtt",
                    "sensor.weewx.format = weewx",
                    "sensor.weewx.topic = weather/loop",
                    "sensor.weewx.channels = temperature:weewx_temperature, pressure_sea_level, rain:weewx_rain",
                    "sensor.esp.type = mqtt",
                    "sensor.esp.format = value",
                    "sensor.esp.channel.temperature = weather-node/sensor/outside_temperature/state",
                    "sensor.esp.channel.wind_speed = weather-node/sensor/+/wind",
                    "sensor.esp.channel.wind_speed.unit = m/s"));
            SensorSource esp = both.get(0);
            SensorSource weewx = both.get(1);
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), weewx, "weather/loop",
                    "{\"dateTime\": \"1764590400.0\", \"usUnits\": \"1.0\", \"outTemp_F\": \"50.0\", \"barometer_inHg\": \"30.0\"}",
                    "weewx_temperature", 10.0);
            assertEquals(30.0 * 33.8639, weewx.read().valueOrNaN("pressure_sea_level"), 1e-9);
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), esp, "weather-node/sensor/outside_temperature/state",
                    "21.50", "temperature", 21.5);
            rig.publish("weather-node/sensor/anemometer/wind", "2.5");
            Await.until("the wind over a wildcard topic", 10, () -> esp.read().valueOrNaN("wind_speed") == 9.0);
        }
    }

    @Test
    void aKilledBrokerIsRejoinedAndTheSubscriptionRenewed() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            SensorSource s = rig.sensor(with(WH24_SENSOR, "sensor.wh24.stale = 2s"));
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), s, "rtl_433/pi/events", WH24, "temperature", 11.8);
            rig.broker.stop();
            Await.until("the reading to say the broker is gone", 30, () -> {
                ChannelReading t = channel(s.read(), "temperature");
                return t.status() == ChannelStatus.MISSING && t.reason().contains("not connected to " + rig.broker.tcpUri());
            });
            rig.broker.start();
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), s, "rtl_433/pi/events",
                    WH24.replace("\"temperature_C\" : 11.800", "\"temperature_C\" : 12.400"), "temperature", 12.4);
            assertTrue(s.read().allOk(), s.read().toString());
        }
    }

    @Test
    void aBrokerThatIsDownAtTheStartIsJoinedWhenItComes() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            rig.broker.stop();
            SensorSource s = rig.sensor(WH24_SENSOR);
            Await.until("the reason to name the broker", 20, () -> channel(s.read(), "humidity").reason()
                    .contains("not connected to " + rig.broker.tcpUri() + ": cannot reach the broker"));
            rig.broker.start();
            MqttSensorRig.publishUntilRead(rig.broker.tcpUri(), s, "rtl_433/pi/events", WH24, "humidity", 78);
        }
    }

    @Test
    void aSensorsOwnBrokerWithItsOwnLogin() throws Exception {
        Path far = Files.createDirectories(tmp.resolve("far"));
        try (MqttSensorRig rig = new MqttSensorRig(tmp);
                Mosquitto weewxBroker = Mosquitto.start(far.resolve("broker"), Mosquitto.passwordListener(far, "nowcast", "s3cret"))) {
            Files.writeString(tmp.resolve("weewx.password"), "s3cret\n");
            Files.writeString(tmp.resolve("wrong.password"), "guess\n");
            List<SensorSource> two = rig.sensors(rig.config(
                    "sensor.far.type = mqtt", "sensor.far.format = weewx", "sensor.far.topic = weather/loop",
                    "sensor.far.channels = humidity", "sensor.far.broker = " + weewxBroker.tcpUri(),
                    "sensor.far.username = nowcast", "sensor.far.password_file = weewx.password",
                    "sensor.bad.type = mqtt", "sensor.bad.format = weewx", "sensor.bad.topic = weather/loop",
                    "sensor.bad.channels = humidity:bad_humidity", "sensor.bad.broker = " + weewxBroker.tcpUri(),
                    "sensor.bad.username = nowcast", "sensor.bad.password_file = wrong.password"));
            SensorSource bad = two.get(0);
            SensorSource good = two.get(1);
            // Mosquitto 2 answers a wrong password with CONNACK 5, not authorised
            Await.until("a refused login to show", 20, () -> channel(bad.read(), "bad_humidity").reason().contains(
                    "not connected to " + weewxBroker.tcpUri() + ": the broker says this client is not authorised "
                            + "(check sensor.bad.username and the password) [reason 5]"));
            io.nowcast.runtime.station.Await.until("the good login to read", 30, () -> {
                try (org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(
                        weewxBroker.tcpUri(), "weewx", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                    org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
                    o.setUserName("nowcast");
                    o.setPassword("s3cret".toCharArray());
                    c.connect(o);
                    c.publish("weather/loop", "{\"outHumidity\": \"64.0\"}".getBytes(), 1, false);
                    c.disconnect();
                }
                Thread.sleep(100);
                return good.read().valueOrNaN("humidity") == 64.0;
            });
            assertFalse(rig.broker.log().contains("sensor-far"), "it did not go to the station's broker");
        }
    }

    @Test
    void aSensorsOwnTlsBrokerWithAClientCertificate() throws Exception {
        TestCertificates pki = TestCertificates.create(tmp.resolve("pki"));
        try (MqttSensorRig rig = new MqttSensorRig(tmp);
                Mosquitto tlsBroker = Mosquitto.start(tmp.resolve("tls-broker"), pki.mosquittoListener())) {
            Files.writeString(tmp.resolve("keystore.password"), pki.keystorePassword() + "\n");
            SensorSource s = rig.sensor("sensor.tls.type = mqtt", "sensor.tls.format = json",
                    "sensor.tls.topic = tele/sonoff2/SENSOR",
                    "sensor.tls.channel.pressure = BMP280.Pressure",
                    "sensor.tls.broker = " + tlsBroker.sslUri(),
                    "sensor.tls.tls.ca_file = " + pki.caCert(),
                    "sensor.tls.tls.client_keystore = " + pki.clientKeystore(),
                    "sensor.tls.tls.client_keystore_password_file = keystore.password");
            assertTrue(s.describe().startsWith("mqtt: JSON on tele/sonoff2/SENSOR, at " + tlsBroker.sslUri()), s.describe());
            Await.until("the TLS subscription", 30, () -> tlsBroker.log().contains("nowcast-garden-sensor-tls"));
            // Tasmota documentation, Home Assistant page: HTU21 and BMP280 on one device.
            String tasmota = "{\"Time\":\"2017-02-12T16:16:43\", \"HTU21\":{\"Temperature\":24.0, \"Humidity\":34.0}, "
                    + "\"BMP280\":{\"Temperature\":24.9, \"Pressure\":1032.5}}";
            Await.until("a value over TLS", 30, () -> {
                try (org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(
                        tlsBroker.sslUri(), "tasmota", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                    io.nowcast.broker.BrokerSettings tasmotaLogin = new io.nowcast.broker.BrokerSettings(
                            tlsBroker.sslUri(), "tasmota", 1, null, null, pki.caCert(), pki.clientKeystore(),
                            pki.keystorePassword().toCharArray(), 30, 1, 1);
                    org.eclipse.paho.client.mqttv3.MqttConnectOptions o = io.nowcast.broker.BrokerLogin.options(
                            tasmotaLogin, io.nowcast.broker.TlsSockets.factory(tasmotaLogin));
                    c.connect(o);
                    c.publish("tele/sonoff2/SENSOR", tasmota.getBytes(), 1, false);
                    c.disconnect();
                }
                Thread.sleep(100);
                return s.read().valueOrNaN("pressure") == 1032.5;
            });
        }
    }

    @Test
    void anMqttSensorWithNoBrokerAnywhereIsAConfigurationError() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            Path conf = Files.writeString(tmp.resolve("no-broker.conf"), String.join("\n", WH24_SENSOR) + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> rig.sensors(conf));
            assertEquals(conf + ":1: sensor.wh24.broker is missing, and the file sets no mqtt.broker for the sensor to "
                    + "share (set one of them; see docs/sensors.md)", e.getMessage());
        }
    }

    @Test
    void closingASourceWhileItsBrokerIsDownLeavesNoThreadBehind() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            rig.broker.stop();
            SensorSource s = rig.sensor(WH24_SENSOR);
            Await.until("a failed attempt", 20, () -> channel(s.read(), "humidity").reason().contains("not connected"));
            s.close();
            Await.until("no thread of the sensor left", 20, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && (t.getName().equals("mqtt-sensor-wh24") || t.getName().contains("sensor-wh24"))));
        }
    }
}
