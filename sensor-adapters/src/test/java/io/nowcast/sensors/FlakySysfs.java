package io.nowcast.sensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Real files, with kernel errors injected: the next reads throw IOExceptions carrying the
 * messages the JDK gives for EIO, ETIMEDOUT or EAGAIN from a sysfs read.
 */
public final class FlakySysfs implements SysfsReader {
    private final Deque<String> errors = new ArrayDeque<>();
    private int reads;

    public synchronized FlakySysfs failNext(String... messages) {
        errors.addAll(java.util.List.of(messages));
        return this;
    }

    public synchronized int reads() {
        return reads;
    }

    @Override
    public String read(Path file) throws IOException {
        String error;
        synchronized (this) {
            reads++;
            error = errors.poll();
        }
        if (error != null) {
            throw new IOException(error);
        }
        return FILES.read(file);
    }
}
