package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.nowcast.runtime.doctor.CheckResult.Status;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.Pi4jPlatform;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.i2c.I2cBus;
import io.nowcast.sensors.i2c.I2cDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorSensorTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path tmp;

    @Test
    void aSimulatedSensorAnswers() throws IOException {
        CheckResult s = DoctorRun.results(new DoctorRun(tmp).config()).get("sensor sim");
        assertEquals(Status.PASS, s.status(), s.line());
        assertTrue(s.message().matches("simulated: temperature=-?[0-9.]+ °C, humidity=[0-9.]+ %RH, .*"), s.message());
    }

    @Test
    void anI2cSensorOnABusThatIsNotThereFailsWithHowToEnableI2c() throws IOException {
        assumeFalse(Files.exists(Path.of("/dev/i2c-7")), "this machine has /dev/i2c-7, the bus this test needs absent");
        Path config = new DoctorRun(tmp).config("sensor.outside.type = bme280", "sensor.outside.bus = 7",
                "sensor.outside.channels = pressure:outside_pressure");
        CheckResult s = DoctorRun.results(config).get("sensor outside");
        assertEquals(Status.FAIL, s.status(), s.line());
        assertEquals("bme280 at 0x76 on /dev/i2c-7: no I2C bus /dev/i2c-7", s.message());
        assertEquals("enable I2C (raspi-config > Interface Options > I2C, or dtparam=i2c_arm=on in config.txt, then "
                + "reboot), or correct " + config + ":7: sensor.outside.bus", s.fix());
    }

    /** Bus 1, its device node standing at {@code node}, where nothing answers. */
    private static I2cBus silentBus(Path node) {
        return new I2cBus() {
            @Override
            public boolean exists(int bus) {
                return bus == 1;
            }

            @Override
            public String describe(int bus) {
                return node.toString();
            }

            @Override
            public I2cDevice open(int bus, int address) throws SensorException {
                throw SensorException.failure("Remote I/O error");
            }
        };
    }

    private Map<String, CheckResult> onSilentBus(Path node, UserGroups who) throws IOException {
        Path config = new DoctorRun(tmp).config("sensor.outside.type = sht4x",
                "sensor.outside.channels = temperature:outside_temperature, humidity:outside_humidity");
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            Hardware real = platform.hardware();
            Hardware hw = new Hardware(silentBus(node), real.gpio(), real.sysfs(), d -> { }, System::nanoTime);
            return DoctorRun.results(config, hw, who);
        }
    }

    @Test
    void anI2cSensorThatDoesNotAnswerAtItsAddressFailsListingWhatAnswers() throws IOException {
        Path node = Files.createFile(tmp.resolve("i2c-1"));
        CheckResult s = onSilentBus(node, DoctorRun.ROOT).get("sensor outside");
        assertEquals(Status.FAIL, s.status(), s.line());
        assertEquals("sht4x at 0x44 on " + node + ": nothing answers at that address (answering: none)", s.message());
        assertTrue(s.fix().startsWith("check the wiring and the power, or correct "), s.fix());
        assertTrue(s.fix().endsWith("(nowcast sensors --scan --bus 1 lists what answers)"), s.fix());
    }

    @Test
    void anI2cBusThisUserMayNotOpenFailsWithTheGroupToJoin() throws IOException {
        assumeFalse(ROOT, "root may open any device node, so a node it may not open cannot be made here");
        Path node = Files.createFile(tmp.resolve("i2c-1"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("---------")));
        String user = System.getProperty("user.name");
        CheckResult s = onSilentBus(node, DoctorRun.groups(user)).get("sensor outside");
        assertEquals(Status.FAIL, s.status(), s.line());
        assertEquals("sht4x at 0x44 on " + node + ": user " + user + " may not open " + node, s.message());
        assertEquals("sudo usermod -aG i2c " + user + ", then log in again", s.fix());
    }

    @Test
    void aUserOutsideTheI2cGroupFailsWithTheCommandThatAddsIt() throws IOException {
        CheckResult g = onSilentBus(Files.createFile(tmp.resolve("i2c-1")), DoctorRun.groups("pi", "pi", "users"))
                .get("groups");
        assertEquals(Status.FAIL, g.status(), g.line());
        assertEquals("user pi is not in i2c (needed by sensor outside)", g.message());
        assertEquals("sudo usermod -aG i2c pi, then log in again", g.fix());
    }

    @Test
    void aUserInTheGroupsOrRootOrNoHardwareSensorPasses() throws IOException {
        Path node = Files.createFile(tmp.resolve("i2c-1"));
        CheckResult member = onSilentBus(node, DoctorRun.groups("pi", "pi", "i2c")).get("groups");
        assertEquals(Status.PASS, member.status(), member.line());
        assertEquals("user pi is in i2c", member.message());
        CheckResult root = onSilentBus(node, DoctorRun.ROOT).get("groups");
        assertEquals(Status.PASS, root.status(), root.line());
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            CheckResult simulatedOnly = DoctorRun.results(new DoctorRun(tmp).config(), platform.hardware(),
                    DoctorRun.groups("pi", "pi")).get("groups");
            assertEquals("✔ groups: no configured sensor needs the i2c or gpio group", simulatedOnly.line());
            assertFalse(simulatedOnly.failed());
        }
    }
}
