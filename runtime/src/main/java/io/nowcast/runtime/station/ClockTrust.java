package io.nowcast.runtime.station;

import io.nowcast.runtime.doctor.NtpStatus;
import java.io.IOException;
import org.tinylog.Logger;

/**
 * Whether the station may trust the wall clock, asked as {@code nowcast doctor} asks it
 * ({@link NtpStatus}: {@code timedatectl show -p NTPSynchronized --value}, where systemd runs):
 * <ul>
 * <li>{@code yes}: synchronised, the station starts;</li>
 * <li>{@code no}: the station waits, reading no sensor and publishing no observation or forecast,
 *     until it is (its health says why meanwhile);</li>
 * <li>no systemd, a failing {@code timedatectl}, another answer: nobody can say; a warning, once, and
 *     the station goes on (as the doctor warns);</li>
 * <li>{@code station.require_clock_sync = false}: not asked;</li>
 * <li>an accelerated clock ({@code --clock-speed}): not the wall clock, not asked.</li>
 * </ul>
 */
public final class ClockTrust {
    private final boolean required;
    private final boolean simulated;
    private final NtpStatus ntp;
    private boolean warned;

    /** What was found, in a line for the log and the health. */
    record Answer(StationHealth.ClockState state, String detail) {
    }

    private ClockTrust(boolean required, boolean simulated, NtpStatus ntp) {
        this.required = required;
        this.simulated = simulated;
        this.ntp = ntp;
    }

    /**
     * @param required {@code station.require_clock_sync}
     */
    public static ClockTrust of(boolean required, StationClock clock, NtpStatus ntp) {
        return new ClockTrust(required, !clock.realTime(), ntp);
    }

    /** Never asks: accelerated clocks, and tests that move the clock by hand. */
    static ClockTrust notChecked(StationClock clock) {
        return new ClockTrust(false, !clock.realTime(), null);
    }

    /** True when {@link #ask} asks the system (and is worth asking again now and then). */
    boolean asks() {
        return required && !simulated;
    }

    Answer ask() {
        if (simulated) {
            return new Answer(StationHealth.ClockState.SIMULATED,
                    "an accelerated clock (--clock-speed): the wall clock's synchronisation does not matter");
        }
        if (!required) {
            return new Answer(StationHealth.ClockState.NOT_REQUIRED, "not asked (station.require_clock_sync = false)");
        }
        String answer;
        try {
            answer = ntp.ntpSynchronized();
        } catch (IOException e) {
            return unknown("cannot ask whether it is synchronised: " + e.getMessage());
        }
        if (answer == null) {
            return unknown("systemd does not run here, so whether the clock is synchronised is unknown");
        }
        return switch (answer) {
            case "yes" -> new Answer(StationHealth.ClockState.SYNCHRONISED, "synchronised (NTPSynchronized=yes)");
            case "no" -> new Answer(StationHealth.ClockState.UNSYNCHRONISED, "not synchronised (NTPSynchronized=no)");
            default -> unknown("timedatectl answered '" + answer + "' for NTPSynchronized");
        };
    }

    private Answer unknown(String detail) {
        if (!warned) {
            warned = true;
            Logger.warn("Clock: {}; going on (make sure an NTP client keeps the clock right, or set "
                    + "station.require_clock_sync = false)", detail);
        }
        return new Answer(StationHealth.ClockState.UNKNOWN, detail);
    }
}
