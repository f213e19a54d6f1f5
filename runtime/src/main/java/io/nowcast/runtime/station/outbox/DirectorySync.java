package io.nowcast.runtime.station.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the name of a file just created in a directory durable by forcing the directory (Linux
 * lets a directory be opened and forced). A seam only so that tests can make it fail: as root on
 * Linux a real failure cannot be provoked on an ordinary file system.
 */
@FunctionalInterface
interface DirectorySync {
    DirectorySync FORCE = dir -> {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    };

    void force(Path dir) throws IOException;
}
