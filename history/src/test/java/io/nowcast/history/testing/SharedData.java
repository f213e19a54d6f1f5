package io.nowcast.history.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared data folder ({@code shared/data}, beside the clone), for tests that read
 * the real published files. Absent on a machine without it: those tests are skipped, with the
 * reason printed.
 */
public final class SharedData {
    private SharedData() {
    }

    /** {@code shared/data/<relative>} found from the working directory upwards, or null. */
    public static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(relative);
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Prints and returns the reason a test that needs {@code relative} is skipped. */
    public static String skipReason(String relative) {
        String reason = "shared/data/" + relative + " is not beside this clone; test skipped";
        System.out.println("SKIPPED: " + reason);
        return reason;
    }
}
