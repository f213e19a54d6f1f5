package io.nowcast.runtime.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the system clock is synchronised, as systemd says: the real {@code timedatectl} or, in tests, an answer. */
@FunctionalInterface
public interface NtpStatus {
    /**
     * @return the answer of {@code timedatectl show -p NTPSynchronized --value} ({@code yes} or {@code no}), or null
     *         where systemd does not run
     * @throws IOException when timedatectl fails
     */
    String ntpSynchronized() throws IOException;

    /** systemd's answer, where systemd runs (as sd_booted(3) tells: {@code /run/systemd/system} exists). */
    static NtpStatus timedatectl() {
        return () -> Files.isDirectory(Path.of("/run/systemd/system"))
                ? Commands.output("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                : null;
    }
}
