package io.nowcast.runtime.doctor;

import java.util.Objects;

/**
 * What one check of {@code nowcast doctor} found: one line of its output, e.g.
 * {@code ✘ broker: tcp://pi:1883: cannot reach the broker: Connection refused — fix: start the broker ...}.
 *
 * @param fix what to do; null for a check that passed or was skipped
 */
public record CheckResult(Status status, String subject, String message, String fix) {
    /** How a check came out. Only {@link #FAIL} makes {@code nowcast doctor} exit 1. */
    public enum Status {
        PASS("✔"), WARN("⚠"), FAIL("✘"), SKIPPED("-");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    static CheckResult pass(String subject, String message) {
        return new CheckResult(Status.PASS, subject, message, null);
    }

    static CheckResult warn(String subject, String message, String fix) {
        return new CheckResult(Status.WARN, subject, message, fix);
    }

    static CheckResult fail(String subject, String message, String fix) {
        return new CheckResult(Status.FAIL, subject, message, fix);
    }

    static CheckResult skipped(String subject, String why) {
        return new CheckResult(Status.SKIPPED, subject, "skipped: " + why, null);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** The output line: mark, subject, what was found and, when there is one, the fix. */
    public String line() {
        return status.mark() + " " + subject + ": " + message + (fix == null ? "" : " — fix: " + fix);
    }
}
