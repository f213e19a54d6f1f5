package io.nowcast.runtime.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch directory on tmpfs ({@code /dev/shm}) when the machine has a writable one, else the
 * fallback given (a JUnit {@code @TempDir}). On tmpfs the outbox's and seq files' forced writes
 * cost nothing, for tests that measure something other than the disk. Closing deletes the tmpfs
 * directory; the fallback is left to its owner.
 */
public final class TmpfsDir implements AutoCloseable {
    private static final Path SHM = Path.of("/dev/shm");

    private final Path path;
    private final boolean onTmpfs;

    private TmpfsDir(Path path, boolean onTmpfs) {
        this.path = path;
        this.onTmpfs = onTmpfs;
    }

    public static TmpfsDir create(String prefix, Path fallback) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return new TmpfsDir(Files.createTempDirectory(SHM, prefix), true);
        }
        return new TmpfsDir(fallback, false);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (onTmpfs) {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
