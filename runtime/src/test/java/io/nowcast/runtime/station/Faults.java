package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real file-system faults for tests: a small tmpfs mounted on a directory and filled to its last
 * byte, files made immutable with {@code chattr +i} (which stops root too, unlike modes). A test
 * that needs what this machine does not allow is skipped with the reason (mounting needs root).
 * Closing undoes everything, in reverse order.
 */
final class Faults implements AutoCloseable {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final List<String[]> undo = new ArrayList<>();

    /** Runs a command; its exit status (output printed when it fails). */
    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        if (status != 0) {
            System.out.println(String.join(" ", command) + ": " + out.strip());
        }
        return status;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (made when needed), or skips the test saying why. */
    Path tmpfs(Path dir, int kib) throws Exception {
        assumeTrue(ROOT, "only root can mount the small file system this fault needs; skipped");
        Files.createDirectories(dir);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString()) == 0,
                "this machine refuses to mount a tmpfs (see the output); skipped");
        undo.add(0, new String[] {"umount", dir.toString()});
        return dir;
    }

    /**
     * Fills the file system of {@code dir} to its last byte with the file {@code dir/filler}.
     *
     * @return the filler, to delete when the fault should clear
     */
    static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // "No space left on device": what was written stays
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 4096; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // the last bytes of the last page
        }
        return filler;
    }

    /** Makes {@code file} immutable ({@code chattr +i}), or skips the test saying why it cannot. */
    void immutable(Path file) throws Exception {
        assumeTrue(ROOT, "only root can make a file immutable (chattr +i); skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chattr")) || Files.isExecutable(Path.of("/bin/chattr")),
                "no chattr on this machine (e2fsprogs); skipped");
        assumeTrue(run("chattr", "+i", file.toString()) == 0,
                "this file system refuses chattr +i (see the output); skipped");
        undo.add(0, new String[] {"chattr", "-i", file.toString()});
    }

    /** Makes {@code file} writable again. */
    void mutable(Path file) throws Exception {
        run("chattr", "-i", file.toString());
        undo.removeIf(c -> c[0].equals("chattr") && c[2].equals(file.toString()));
    }

    @Override
    public void close() throws Exception {
        for (String[] c : undo) {
            run(c);
        }
        undo.clear();
    }
}
