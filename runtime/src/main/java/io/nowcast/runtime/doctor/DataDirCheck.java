package io.nowcast.runtime.doctor;

import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory can be written by this user and its file system has room for what the
 * station keeps there: the outbox up to {@code outbox.max_bytes} and the history. Writing is tried
 * for real (a temporary file, deleted), so a read-only mount shows; a directory not made yet is
 * judged by its nearest existing parent, without making it.
 */
final class DataDirCheck implements Check {
    private static final String SUBJECT = "data dir";
    /** Room kept for the CSV history and the seq file besides the outbox. */
    static final long HISTORY_ROOM = 1L << 20;

    private final Path dir;
    private final long outboxMaxBytes;
    private final String user;

    DataDirCheck(Path dir, long outboxMaxBytes, String user) {
        this.dir = dir;
        this.outboxMaxBytes = outboxMaxBytes;
        this.user = user;
    }

    @Override
    public CheckResult run() {
        String owner = "give it to the user that runs the station (sudo chown -R nowcast: " + dir
                + "), or set station.data_dir";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return CheckResult.fail(SUBJECT, dir + " is a file, not a directory", "move it away, or set station.data_dir");
        }
        Path existing = dir.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing.equals(dir.toAbsolutePath())) {
                Files.delete(Files.createTempFile(dir, ".nowcast-doctor-", ".tmp"));
            } else if (!Files.isWritable(existing)) {
                return CheckResult.fail(SUBJECT, dir + " does not exist and user " + user + " may not create it in "
                        + existing, owner);
            }
        } catch (IOException e) {
            return CheckResult.fail(SUBJECT, "user " + user + " cannot write in " + dir + " (" + e.getMessage() + ")", owner);
        }
        long free;
        long outboxBytes;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
            outboxBytes = Outbox.Backlog.of(dir.resolve("outbox")).bytes();
        } catch (IOException e) {
            return CheckResult.fail(SUBJECT, "cannot read " + dir + " (" + e.getMessage() + ")", owner);
        }
        long needed = Math.max(0, outboxMaxBytes - outboxBytes) + HISTORY_ROOM;
        String found = dir + (existing.equals(dir.toAbsolutePath()) ? ": writable" : ": will be created") + ", "
                + Sizes.format(free) + " free";
        if (free < needed) {
            return CheckResult.fail(SUBJECT, found + "; the outbox may grow by " + Sizes.format(needed - HISTORY_ROOM)
                    + " (outbox.max_bytes) and the history needs about " + Sizes.format(HISTORY_ROOM),
                    "free space on that file system, or lower outbox.max_bytes");
        }
        return CheckResult.pass(SUBJECT, found);
    }
}
