package io.nowcast.runtime.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a system command for a check and takes what it prints. */
final class Commands {
    private Commands() {
    }

    /**
     * @return the command's output (stdout and stderr), stripped
     * @throws IOException when it cannot be started or exits with a status other than 0 (with its output)
     */
    static String output(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int status = p.waitFor();
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + status + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        return out;
    }
}
