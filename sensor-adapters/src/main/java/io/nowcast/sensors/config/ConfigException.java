package io.nowcast.sensors.config;

import java.io.IOException;
import java.util.List;

/**
 * A station's configuration file (its own keys or its sensors') cannot be used as written. Each
 * problem is one line naming the file, the line and the key, the value found and what is allowed,
 * e.g. {@code station.conf:12: sensor.outside.address = '0x99': not an I2C address (0x03..0x77)};
 * it never carries a secret. The message is the first problem, with a count of the others when
 * there are more ({@code nowcast doctor} lists them all, from {@link #problems()}). An
 * {@link IOException}, like the other boundary exceptions (a model file, a CSV history, the
 * broker): a file that is wrong is checked at start, and the station's loop, which goes on after
 * any I/O error, never ends on one.
 */
public final class ConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    /** @param problems one line each, in file order; at least one */
    public ConfigException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each, the first being the start of {@link #getMessage()}. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        int more = problems.size() - 1;
        return more == 0 ? problems.get(0)
                : problems.get(0) + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ": nowcast doctor lists them)";
    }
}
