package io.nowcast.runtime.station.update;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code model.update.*} keys of a station (docs/updates.md).
 *
 * @param keyFiles      {@code model.update.public_key}, one or more
 * @param keys          the keys in them
 * @param maxModelBytes {@code model.update.max_bytes}
 * @param rollback      the automatic rollback rule, or null when {@code model.update.rollback_period = off}
 */
public record UpdateSettings(List<Path> keyFiles, TrustedKeys keys, int maxModelBytes, RollbackRule rollback) {
    /** {@code model.update.max_bytes} by default: 4 MiB, hundreds of times the models of docs/size-study.md. */
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
    /** The message format's own bound (the trainer's {@code UpdateMessage.MAX_MODEL_BYTES}). */
    public static final int LARGEST_MAX_BYTES = 64 * 1024 * 1024;
    public static final int SMALLEST_MAX_BYTES = 1024;

    public UpdateSettings {
        keyFiles = List.copyOf(keyFiles);
    }
}
