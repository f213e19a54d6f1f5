package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.doctor.CheckResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.nowcast.sensors.Pi4jPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorConfigAndModelTest {
    @TempDir
    Path tmp;

    @Test
    void aConfigurationErrorIsNamedWithItsLineAndTheChecksThatNeedTheConfigurationAreSkipped() throws IOException {
        DoctorRun station = new DoctorRun(tmp);
        Path config = station.config("mqtt.qos = 7");
        Map<String, CheckResult> r = DoctorRun.results(config);
        CheckResult c = r.get("config");
        assertEquals(Status.FAIL, c.status(), c.line());
        assertEquals(config + ":6: mqtt.qos is '7', allowed a whole number in 0..2", c.message());
        assertTrue(c.fix().startsWith("correct it"), c.fix());
        for (String subject : List.of("model", "sensors", "groups", "broker", "data dir", "outbox")) {
            assertEquals(Status.SKIPPED, r.get(subject).status(), subject);
            assertTrue(r.get(subject).line().startsWith("- " + subject + ": skipped: the configuration has an error"),
                    r.get(subject).line());
        }
        assertEquals(Status.PASS, r.get("java").status(), "checks that need no configuration still run");
        assertEquals(Status.PASS, r.get("clock").status());
    }

    @Test
    void everyConfigurationErrorIsListedWithItsLine() throws IOException {
        // Lines 1-5 are DoctorRun's defaults; each line from 6 on is wrong in its own way.
        Path config = new DoctorRun(tmp).config();
        Files.writeString(config, String.join("\n", "mqtt.qos = 7", "this is not a setting", "station.colour = blue",
                "sensor.sim.seed = many", "sensor.out.type = bme280", "sensor.out.address = 0x99", "mqtt.qos = 1",
                "sensor.out.colour = red", ""), StandardOpenOption.APPEND);
        List<CheckResult> found = new ArrayList<>();
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            DoctorRun.all(config, platform.hardware(), DoctorRun.ROOT).stream()
                    .filter(r -> r.subject().equals("config")).forEach(found::add);
        }
        List<String> lines = found.stream().map(CheckResult::message).map(m -> m.substring(config.toString().length()))
                .toList(); // in the order of their lines
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(found.stream().allMatch(CheckResult::failed));
        assertEquals(":6: mqtt.qos is '7', allowed a whole number in 0..2", lines.get(0));
        assertEquals(":7: expected 'key = value', found 'this is not a setting'", lines.get(1));
        assertEquals(":8: unknown key 'station.colour' (see docs/station.md)", lines.get(2));
        assertTrue(lines.get(3).startsWith(":9: sensor.sim.seed = 'many': "), lines.get(3));
        assertTrue(lines.get(4).startsWith(":11: sensor.out.address = '0x99': "), lines.get(4));
        assertEquals(":12: mqtt.qos is already set on line 6", lines.get(5));
        assertTrue(lines.get(6).startsWith(":13: sensor.out.colour: unknown key for a bme280 sensor"), lines.get(6));
    }

    @Test
    void twoSensorsDeliveringOneChannelIsAConfigurationErrorWithItsLine() throws IOException {
        Path config = new DoctorRun(tmp).config("sensor.twin.type = simulated");
        CheckResult c = DoctorRun.results(config).get("config");
        assertEquals(Status.FAIL, c.status(), c.line());
        assertTrue(c.message().startsWith(config + ":6: sensor.twin.channels: sensor sim delivers a channel"), c.message());
    }

    @Test
    void aGoodModelLoadsAndEveryInputIsServed() throws IOException {
        CheckResult m = DoctorRun.results(new DoctorRun(tmp).config()).get("model");
        assertEquals(Status.PASS, m.status(), m.line());
        assertTrue(m.message().contains("inputs from channels: temperature, humidity; derived: time_of_day_sin, "
                + "time_of_day_cos; window 3 × 600 s, float engine"), m.message());
    }

    @Test
    void aCorruptModelFileFails() throws IOException {
        DoctorRun station = new DoctorRun(tmp);
        Path model = tmp.resolve("model.ncm");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5a; // a flipped byte: the checksum no longer holds
        Files.write(model, bytes);
        CheckResult m = DoctorRun.results(station.config()).get("model");
        assertEquals(Status.FAIL, m.status(), m.line());
        assertTrue(m.message().startsWith(model + ": "), m.message());
        assertTrue(m.fix().startsWith("point model.file at a .ncm file"), m.fix());
    }

    @Test
    void aMissingModelFileFails() throws IOException {
        CheckResult m = DoctorRun.results(new DoctorRun(tmp).config("model.file = gone.ncm")).get("model");
        assertEquals(Status.FAIL, m.status(), m.line());
        assertEquals(tmp.resolve("gone.ncm") + ": no such file", m.message());
    }

    @Test
    void aModelInputThatNoChannelServesFails() throws IOException {
        Path config = new DoctorRun(tmp).config("sensor.sim.channels = temperature, pressure");
        CheckResult m = DoctorRun.results(config).get("model");
        assertEquals(Status.FAIL, m.status(), m.line());
        assertTrue(m.message().endsWith("model input 'humidity' is neither a sensor channel ([temperature, pressure]), "
                + "nor the _sin/_cos of a direction channel, nor a derived feature"), m.message());
        assertTrue(m.fix().contains("sensor.<id>.channels = <channel>:<input>"), m.fix());
    }
}
