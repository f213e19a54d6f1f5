package io.nowcast.runtime.doctor;

import java.io.IOException;

/**
 * The system clock is synchronised: forecasts are labelled with it and rows are cut on it. A Pi
 * has no battery-backed clock, so after a boot without network its time is wrong.
 */
final class ClockCheck implements Check {
    private static final String SUBJECT = "clock";
    private static final String ENABLE = "sudo timedatectl set-ntp true, and let the station reach an NTP server "
            + "(timedatectl timesync-status shows which)";

    private final NtpStatus ntp;

    ClockCheck(NtpStatus ntp) {
        this.ntp = ntp;
    }

    @Override
    public CheckResult run() {
        String answer;
        try {
            answer = ntp.ntpSynchronized();
        } catch (IOException e) {
            return CheckResult.fail(SUBJECT, e.getMessage(), ENABLE);
        }
        if (answer == null) {
            return CheckResult.warn(SUBJECT, "systemd does not run here, so whether the clock is synchronised is unknown",
                    "make sure an NTP client (chrony, ntpd) keeps the clock right");
        }
        return switch (answer) {
            case "yes" -> CheckResult.pass(SUBJECT, "synchronised (NTPSynchronized=yes)");
            case "no" -> CheckResult.fail(SUBJECT, "not synchronised (NTPSynchronized=no)", ENABLE);
            default -> CheckResult.fail(SUBJECT, "timedatectl answered '" + answer + "' for NTPSynchronized", ENABLE);
        };
    }
}
