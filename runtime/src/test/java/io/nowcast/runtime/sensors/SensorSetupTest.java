package io.nowcast.runtime.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.mqtt.BrokerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nowcast sensors} reads of a station's file for its mqtt sensors, and the endpoints
 * {@link SensorBrokers} makes: the station's broker and login, or a sensor's own.
 */
class SensorSetupTest {
    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("station.conf"), text);
    }

    @Test
    void theStationsLoginIsReadOnlyWhenAnMqttSensorSharesItsBroker() throws Exception {
        String station = """
                station.id = garden
                mqtt.broker = tcp://pi:1883
                mqtt.username = station
                mqtt.password_file = /nonexistent/password
                """;
        // A look at a simulated sensor needs no password this user may not read.
        StationConfig.SensorSetup none = StationConfig.sensorSetup(file(station + "sensor.sim.type = simulated\n"), Map.of());
        assertNull(none.broker());
        assertEquals("nowcast-garden", none.clientIdBase());
        Path shared = file(station + "sensor.w.type = mqtt\nsensor.w.format = weewx\nsensor.w.topic = weather/loop\n"
                + "sensor.w.channels = temperature\n");
        ConfigException e = assertThrows(ConfigException.class, () -> StationConfig.sensorSetup(shared, Map.of()));
        assertEquals(shared + ":4: mqtt.password_file is '/nonexistent/password', allowed a readable file "
                + "(/nonexistent/password is not)", e.getMessage());
    }

    @Test
    void aSensorSharesTheStationsBrokerOrUsesItsOwnKeys() throws Exception {
        Files.writeString(dir.resolve("station.password"), "station-secret\n");
        Files.writeString(dir.resolve("sensor.password"), "sensor-secret\n");
        Path f = file("""
                station.id = garden
                mqtt.broker = tcp://pi:1883
                mqtt.client_id = gardenstation
                mqtt.username = station
                mqtt.password_file = station.password
                sensor.shared.type = mqtt
                sensor.shared.format = weewx
                sensor.shared.topic = weather/loop
                sensor.shared.channels = temperature
                sensor.own.type = mqtt
                sensor.own.format = weewx
                sensor.own.topic = weather/loop
                sensor.own.channels = humidity
                sensor.own.broker = tcp://weewx:1883
                sensor.own.username = reader
                sensor.own.password_file = sensor.password
                sensor.env.type = mqtt
                sensor.env.format = weewx
                sensor.env.topic = weather/loop
                sensor.env.channels = pressure
                sensor.env.broker = tcp://weewx:1883
                sensor.env.username = reader
                sensor.env.password_env = WEEWX_PASSWORD
                """);
        StationConfig.SensorSetup setup = StationConfig.sensorSetup(f, Map.of());
        SensorBrokers run = SensorBrokers.forStation(setup.broker(), Map.of("WEEWX_PASSWORD", "from-env"));
        BrokerEndpoint env = run.endpoint(setup.sensors().get(0));
        BrokerEndpoint own = run.endpoint(setup.sensors().get(1));
        BrokerEndpoint shared = run.endpoint(setup.sensors().get(2));
        assertEquals("tcp://pi:1883", shared.uri());
        assertEquals("gardenstation-sensor-shared", shared.clientId());
        assertEquals("station", shared.options().getUserName());
        assertEquals("station-secret", new String(shared.options().getPassword()));
        assertEquals("tcp://weewx:1883", own.uri());
        assertEquals("gardenstation-sensor-own", own.clientId());
        assertEquals("reader", own.options().getUserName());
        assertEquals("sensor-secret", new String(own.options().getPassword()));
        assertEquals("from-env", new String(env.options().getPassword()));
        String check = SensorBrokers.forCheck(setup.broker(), setup.clientIdBase(), Map.of("WEEWX_PASSWORD", "x"))
                .endpoint(setup.sensors().get(2)).clientId();
        assertEquals("gardenstation-sensor-shared-check-" + ProcessHandle.current().pid(), check);
        ConfigException unset = assertThrows(ConfigException.class,
                () -> SensorBrokers.forStation(setup.broker(), Map.of()).endpoint(setup.sensors().get(0)));
        assertEquals(f + ":23: sensor.env.password_env = 'WEEWX_PASSWORD': the name of a set environment variable "
                + "(WEEWX_PASSWORD is not set)", unset.getMessage());
    }
}
