package io.nowcast.runtime.doctor;

import java.io.IOException;

/**
 * The system clock is synchronised: forecasts are labelled with it and rows are cut on it. A Pi
 * has no battery-backed clock, so after a boot without network its time is wrong. A station that
 * does not wait for it ({@code station.require_clock_sync = false}) only gets a warning.
 */
final class ClockCheck implements Check {
    private static final String SUBJECT = "clock";
    private static final String ENABLE = "sudo timedatectl set-ntp true, and let the station reach an NTP server "
            + "(timedatectl timesync-status shows which)";

    private final NtpStatus ntp;
    private final boolean required; // station.require_clock_sync

    ClockCheck(NtpStatus ntp, boolean required) {
        this.ntp = ntp;
        this.required = required;
    }

    @Override
    public CheckResult run() {
        String answer;
        try {
            answer = ntp.ntpSynchronized();
        } catch (IOException e) {
            // The station cannot tell either, and goes on (ClockTrust): a warning.
            return CheckResult.warn(SUBJECT, e.getMessage() + "; whether the clock is synchronised is unknown", ENABLE);
        }
        if (answer == null) {
            return CheckResult.warn(SUBJECT, "systemd does not run here, so whether the clock is synchronised is unknown",
                    "make sure an NTP client (chrony, ntpd) keeps the clock right");
        }
        return switch (answer) {
            case "yes" -> CheckResult.pass(SUBJECT, "synchronised (NTPSynchronized=yes)");
            case "no" -> notSynchronised("not synchronised (NTPSynchronized=no)");
            default -> notSynchronised("timedatectl answered '" + answer + "' for NTPSynchronized");
        };
    }

    private CheckResult notSynchronised(String message) {
        return required ? CheckResult.fail(SUBJECT, message + "; the station waits for it before it publishes", ENABLE)
                : CheckResult.warn(SUBJECT, message + "; station.require_clock_sync = false, so the station publishes "
                        + "anyway, labelled with this clock", ENABLE);
    }
}
