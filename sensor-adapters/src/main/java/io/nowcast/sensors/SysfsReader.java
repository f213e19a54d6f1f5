package io.nowcast.sensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one sysfs attribute file. Each read of such a file asks the kernel driver afresh, and the
 * kernel's errors (EIO, ETIMEDOUT, EAGAIN) surface as IOExceptions; tests inject those here.
 */
@FunctionalInterface
public interface SysfsReader {
    String read(Path file) throws IOException;

    /** The real file system. */
    SysfsReader FILES = file -> Files.readString(file, StandardCharsets.US_ASCII);
}
