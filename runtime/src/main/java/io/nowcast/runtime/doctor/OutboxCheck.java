package io.nowcast.runtime.doctor;

import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What waits in the outbox, read without opening it ({@link Outbox.Backlog}: no lock, no write), so
 * a running station is not disturbed. A backlog is a warning (the station delivers it once
 * connected); an outbox three quarters of the way to its bound fails, since at the bound the
 * oldest messages are dropped.
 */
final class OutboxCheck implements Check {
    private static final String SUBJECT = "outbox";

    private final Path dir;
    private final long maxBytes;

    OutboxCheck(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    @Override
    public CheckResult run() {
        Outbox.Backlog b;
        try {
            b = Outbox.Backlog.of(dir);
        } catch (IOException e) {
            return CheckResult.fail(SUBJECT, "cannot read " + dir + " (" + e.getMessage() + ")",
                    "run nowcast doctor as the user that runs the station (sudo -u nowcast nowcast doctor)");
        }
        String dropped = b.dropped() == 0 ? "" : "; " + b.dropped() + " dropped at the bound so far";
        String found = b.pending() + " message" + (b.pending() == 1 ? "" : "s") + " wait" + (b.pending() == 1 ? "s" : "")
                + " (" + Sizes.format(b.bytes()) + " of outbox.max_bytes " + Sizes.format(maxBytes) + ")" + dropped;
        if (b.bytes() >= maxBytes / 4 * 3) {
            return CheckResult.fail(SUBJECT, found, "the station cannot deliver: make the broker reachable (see the broker "
                    + "line); at the bound the oldest messages are dropped");
        }
        if (b.pending() > 0) {
            return CheckResult.warn(SUBJECT, found, "they go out once the station is connected to the broker");
        }
        return CheckResult.pass(SUBJECT, found);
    }
}
