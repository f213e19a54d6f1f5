package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.doctor.CheckResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(m.message().endsWith("model input 'humidity' is neither a sensor channel ([temperature, pressure]) "
                + "nor a derived feature"), m.message());
        assertTrue(m.fix().contains("sensor.<id>.channels = <channel>:<input>"), m.fix());
    }
}
