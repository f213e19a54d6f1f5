package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.doctor.CheckResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DoctorClockTest {
    @Test
    void aSynchronisedClockPasses() {
        assertEquals("✔ clock: synchronised (NTPSynchronized=yes)", new ClockCheck(() -> "yes", true).run().line());
    }

    @Test
    void anUnsynchronisedClockFailsWithHowToTurnNtpOn() {
        CheckResult c = new ClockCheck(() -> "no", true).run();
        assertEquals(Status.FAIL, c.status());
        assertEquals("not synchronised (NTPSynchronized=no); the station waits for it before it publishes", c.message());
        assertTrue(c.fix().startsWith("sudo timedatectl set-ntp true"), c.fix());
    }

    @Test
    void aStationThatDoesNotWaitForTheClockOnlyGetsAWarning() {
        CheckResult c = new ClockCheck(() -> "no", false).run();
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().contains("station.require_clock_sync = false, so the station publishes anyway"),
                c.message());
    }

    @Test
    void aFailingTimedatectlIsAWarningAsTheStationGoesOn() {
        CheckResult c = new ClockCheck(() -> {
            throw new IOException("timedatectl show -p NTPSynchronized --value failed (exit 1): Failed to connect to bus");
        }, true).run();
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().contains("Failed to connect to bus"), c.message());
    }

    @Test
    void withoutSystemdItIsAWarningNotAFailure() {
        CheckResult c = new ClockCheck(() -> null, true).run();
        assertEquals(Status.WARN, c.status());
        assertEquals("⚠ clock: systemd does not run here, so whether the clock is synchronised is unknown — fix: make sure "
                + "an NTP client (chrony, ntpd) keeps the clock right", c.line());
    }

    @Test
    void theRealTimedatectlIsAskedOnlyWhereSystemdRuns() throws IOException {
        String answer = NtpStatus.timedatectl().ntpSynchronized();
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertTrue("yes".equals(answer) || "no".equals(answer), answer);
        } else {
            assertEquals(null, answer, "no systemd on this machine: no answer, and the check warns");
        }
    }
}
