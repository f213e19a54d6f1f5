package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nowcast.runtime.doctor.CheckResult.Status;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and the outbox, on real file systems: read-only and full ones where this machine lets a test mount them. */
class DoctorDataDirTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final long BOUND = Outbox.MIN_MAX_BYTES;

    @TempDir
    Path tmp;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            run("umount", m.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        if (status != 0) {
            System.out.println(String.join(" ", command) + ": " + out.strip());
        }
        return status;
    }

    /** Mounts with {@code mount args... dir}, or skips the test saying why it cannot. */
    private void mount(Path dir, String... args) throws Exception {
        assumeTrue(ROOT, "only root can mount the file system this fault needs");
        String[] command = new String[args.length + 2];
        command[0] = "mount";
        System.arraycopy(args, 0, command, 1, args.length);
        command[command.length - 1] = dir.toString();
        assumeTrue(run(command) == 0, "this machine refuses " + String.join(" ", command) + " (see the output)");
        mounts.add(0, dir);
    }

    private CheckResult dataDir(Path dir, long bound) {
        return new DataDirCheck(dir, bound, "pi").run();
    }

    @Test
    void aWritableDirectoryWithRoomPasses() throws IOException {
        CheckResult c = dataDir(tmp, BOUND);
        assertEquals(Status.PASS, c.status(), c.line());
        assertTrue(c.message().matches(".*: writable, [0-9.]+ [KMGT]iB free"), c.message());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "the probe leaves nothing behind");
        }
    }

    @Test
    void aDirectoryNotYetMadePassesWhenItsParentIsWritableAndIsNotMade() {
        Path dir = tmp.resolve("a/b");
        CheckResult c = dataDir(dir, BOUND);
        assertEquals(Status.PASS, c.status(), c.line());
        assertTrue(c.message().startsWith(dir + ": will be created"), c.message());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void aFileWhereTheDirectoryShouldBeFails() throws IOException {
        Path file = Files.writeString(tmp.resolve("data"), "not a directory");
        CheckResult c = dataDir(file, BOUND);
        assertEquals("✘ data dir: " + file + " is a file, not a directory — fix: move it away, or set station.data_dir",
                c.line());
    }

    @Test
    void aReadOnlyDirectoryFails() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        mount(dir, "--bind", "-o", "ro", dir.toString());
        CheckResult c = dataDir(dir, BOUND);
        assertEquals(Status.FAIL, c.status(), c.line());
        assertTrue(c.message().startsWith("user pi cannot write in " + dir + " ("), c.message());
        assertTrue(c.message().contains("Read-only file system"), c.message());
        assertTrue(c.fix().startsWith("give it to the user that runs the station (sudo chown -R nowcast: " + dir), c.fix());
    }

    @Test
    void aFullFileSystemFails() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tiny"));
        mount(dir, "-t", "tmpfs", "-o", "size=128k", "tmpfs");
        try {
            Files.write(dir.resolve("filler"), new byte[256 * 1024]);
        } catch (IOException full) {
            // "No space left on device": what is written stays, the rest of the room is taken
        }
        CheckResult c = dataDir(dir, BOUND);
        assertEquals(Status.FAIL, c.status(), c.line());
        assertTrue(c.message().matches(".*: writable, [0-9.]+ K?i?B free; the outbox may grow by 64.0 KiB "
                + "\\(outbox.max_bytes\\) and the history needs about 1.0 MiB"), c.message());
        assertEquals("free space on that file system, or lower outbox.max_bytes", c.fix());
    }

    private static void fill(Outbox box, int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            box.append("nowcast/garden/observation", i, new byte[1000]);
        }
    }

    @Test
    void anEmptyOutboxPasses() {
        assertEquals("✔ outbox: 0 messages wait (0 B of outbox.max_bytes 64.0 KiB)",
                new OutboxCheck(tmp.resolve("outbox"), BOUND).run().line());
        assertFalse(Files.exists(tmp.resolve("outbox")), "looking creates nothing");
    }

    @Test
    void anOutboxWithABacklogWarnsAndIsReadWithoutDisturbingTheStationThatHasItOpen() throws IOException {
        Path dir = tmp.resolve("outbox");
        try (Outbox box = Outbox.open(dir, BOUND)) {
            fill(box, 5);
            box.ack(0);
            CheckResult c = new OutboxCheck(dir, BOUND).run();
            assertEquals(Status.WARN, c.status(), c.line());
            assertTrue(c.message().startsWith("4 messages wait ("), c.message());
            fill(box, 1);
            assertEquals(5, box.pending(), "the station's outbox goes on as before");
        }
    }

    @Test
    void anOutboxNearItsBoundFails() throws IOException {
        Path dir = tmp.resolve("outbox");
        try (Outbox box = Outbox.open(dir, BOUND)) {
            fill(box, 52);
        }
        CheckResult c = new OutboxCheck(dir, BOUND).run();
        assertEquals(Status.FAIL, c.status(), c.line());
        assertTrue(c.message().startsWith("52 messages wait ("), c.message());
        assertTrue(c.fix().startsWith("the station cannot deliver: make the broker reachable"), c.fix());
    }
}
