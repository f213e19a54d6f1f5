package io.nowcast.runtime.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.cli.NowcastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nowcast sensors --config FILE} with mqtt sensors and a real Mosquitto: it subscribes, waits
 * for the first messages (at most {@code --wait}) and shows what it reads, with the file's sensors
 * only (no model, no data folder: a station being set up).
 */
class SensorsCommandMqttTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run sensors(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NowcastCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sensors";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void showsWhatAnMqttSensorReadsOnceItsMessagesCame() throws Exception {
        ScheduledExecutorService device = Executors.newSingleThreadScheduledExecutor();
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            Path conf = rig.config(MqttSensorTest.WH24_SENSOR);
            // An rtl_433 receiver sends the unit's event every few seconds, from after the command started.
            device.scheduleAtFixedRate(() -> {
                try {
                    rig.publish("rtl_433/pi/events", MqttSensorTest.WH24);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            Run r = sensors("--config", conf.toString(), "--wait", "30s");
            assertEquals(0, r.exit(), r.out() + r.err());
            String pid = Long.toString(ProcessHandle.current().pid());
            assertTrue(r.out().startsWith("wh24 (mqtt: rtl_433 events on rtl_433/+/events from Fineoffset-WH24 id 191, at "
                    + rig.broker.tcpUri() + " as nowcast-garden-sensor-wh24-check-" + pid + ", every 10s) at "), r.out());
            assertTrue(r.out().contains("  temperature    11.8 °C"), r.out());
            assertTrue(r.out().contains("  humidity       78.0 %RH"), r.out());
            assertTrue(r.out().contains("  rain           0.0 mm"), r.out());
            assertTrue(r.out().contains("  wind_speed     3.528 km/h"), r.out());
        } finally {
            device.shutdownNow();
        }
    }

    @Test
    void aChannelWithoutAMessageIsMissingWithTheReasonAfterTheWait() throws Exception {
        try (MqttSensorRig rig = new MqttSensorRig(tmp)) {
            // weewx-mqtt publishes with retain = False by default; retained here, so it is there at once.
            MqttSensorRig.publish(rig.broker.tcpUri(), "weather/loop",
                    "{\"dateTime\": \"1764590400.0\", \"outTemp_C\": \"8.3\", \"outHumidity\": \"87.0\"}", true);
            Path conf = rig.config("sensor.weewx.type = mqtt", "sensor.weewx.format = weewx",
                    "sensor.weewx.topic = weather/loop", "sensor.weewx.channels = temperature, wind_speed");
            Run r = sensors("--config", conf.toString(), "--wait", "2s");
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("  temperature    8.3 °C"), r.out());
            assertTrue(r.out().contains("  wind_speed     MISSING: no message yet ("), r.out());
            assertTrue(r.out().contains("waiting for windSpeed_<unit> in weewx packets on weather/loop"), r.out());
        }
    }

    @Test
    void aSensorThatNeedsTheStationsBrokerWhereTheFileHasNoneIsOneLine() throws Exception {
        Path conf = java.nio.file.Files.writeString(tmp.resolve("station.conf"),
                String.join("\n", MqttSensorTest.WH24_SENSOR) + "\n");
        Run r = sensors("--config", conf.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("nowcast sensors: " + conf + ":1: sensor.wh24.broker is missing, and the file sets no mqtt.broker for the sensor to share "
                + "(set one of them; see docs/sensors.md)", r.err().strip());
    }
}
