package io.nowcast.runtime.station.update;

import io.nowcast.history.Durations;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.ConfigFile;
import io.nowcast.sensors.config.ConfigProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code model.update.*} keys of a station's file (docs/updates.md), each problem one line
 * naming the file, line and key, recorded in the reading's {@link ConfigProblems} like the
 * station's other keys:
 * <pre>
 * model.update.public_key = FILE[, FILE...]     Ed25519 public keys (PEM); without it no update is taken
 * model.update.max_bytes = 4 MiB                largest model taken: bytes, KiB or MiB, 1 KiB..64 MiB
 * model.update.rollback_period = 24h            how long a new model runs before it is judged; off: never
 * model.update.rollback_min_forecasts = 24      scored forecasts each model needs per output to be judged
 * </pre>
 * Relative paths are resolved against the file's folder.
 */
public final class UpdateConfig {
    public static final String PREFIX = "model.update.";
    public static final Set<String> KEYS = Set.of("model.update.public_key", "model.update.max_bytes",
            "model.update.rollback_period", "model.update.rollback_min_forecasts");
    private static final Pattern BYTES = Pattern.compile("([0-9]{1,9})\\s*(KiB|MiB)?");

    private UpdateConfig() {
    }

    /**
     * @return the settings, or null when the file has no {@code model.update.public_key} (no update is
     *         taken) or a problem was recorded
     */
    public static UpdateSettings read(ConfigFile f, ConfigProblems problems) {
        ConfigFile.Entry keys = f.get("model.update.public_key");
        if (keys == null || keys.value().isEmpty()) {
            for (ConfigFile.Entry e : f.entries()) {
                if (e.key().startsWith(PREFIX) && KEYS.contains(e.key())) {
                    problems.add(new ConfigException(f.where(e) + " needs model.update.public_key (see docs/updates.md)"));
                }
            }
            return null;
        }
        boolean listed = true;
        List<Path> files = new ArrayList<>();
        for (String part : keys.value().split(",", -1)) {
            if (part.isBlank()) {
                problems.add(bad(f, "model.update.public_key", "one or more files, separated by commas"));
                listed = false;
            } else {
                files.add(resolve(f, part.strip()));
            }
        }
        TrustedKeys trusted = problems.check(() -> {
            try {
                return TrustedKeys.read(files);
            } catch (IOException e) {
                throw new ConfigException(f.path() + ":" + keys.line() + ": model.update.public_key: " + e.getMessage());
            }
        }, null);
        Integer maxBytes = problems.check(() -> maxBytes(f), null);
        Optional<RollbackRule> rule = problems.check(() -> rollback(f), null);
        return listed && trusted != null && maxBytes != null && rule != null
                ? new UpdateSettings(files, trusted, maxBytes, rule.orElse(null)) : null;
    }

    private static int maxBytes(ConfigFile f) throws ConfigException {
        ConfigFile.Entry e = f.get("model.update.max_bytes");
        if (e == null) {
            return UpdateSettings.DEFAULT_MAX_BYTES;
        }
        Matcher m = BYTES.matcher(e.value());
        long n = m.matches() ? Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : m.group(2).equals("KiB") ? 1024
                : 1024 * 1024) : -1;
        if (n < UpdateSettings.SMALLEST_MAX_BYTES || n > UpdateSettings.LARGEST_MAX_BYTES) {
            throw bad(f, e.key(), "a byte count from 1 KiB to 64 MiB (e.g. 4 MiB, 512 KiB, 100000)");
        }
        return (int) n;
    }

    /** The rule, or empty for {@code off}. */
    private static Optional<RollbackRule> rollback(ConfigFile f) throws ConfigException {
        ConfigFile.Entry p = f.get("model.update.rollback_period");
        ConfigFile.Entry c = f.get("model.update.rollback_min_forecasts");
        if (p != null && p.value().equalsIgnoreCase("off")) {
            if (c != null) {
                throw new ConfigException(f.where(c) + " has no use with model.update.rollback_period = off");
            }
            return Optional.empty();
        }
        Duration period = RollbackRule.DEFAULT_PERIOD;
        if (p != null) {
            try {
                period = Durations.parse(p.value());
            } catch (IllegalArgumentException e) {
                throw bad(f, p.key(), "a duration (1h, 24h, 7d) or off: " + e.getMessage());
            }
            if (period.isZero()) {
                throw bad(f, p.key(), "a duration longer than 0, or off");
            }
        }
        long min = RollbackRule.DEFAULT_MIN_FORECASTS;
        if (c != null) {
            try {
                min = Long.parseLong(c.value());
            } catch (NumberFormatException e) {
                min = 0;
            }
            if (min < 1 || min > 1_000_000) {
                throw bad(f, c.key(), "a whole number in 1..1000000");
            }
        }
        return Optional.of(new RollbackRule(period, min));
    }

    /** {@code value} as a path, a relative one resolved against the configuration file's folder. */
    private static Path resolve(ConfigFile f, String value) {
        Path p = Path.of(value);
        Path dir = f.path().toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private static ConfigException bad(ConfigFile f, String key, String allowed) {
        ConfigFile.Entry e = f.get(key);
        return new ConfigException(f.where(e) + " is '" + e.value() + "', allowed " + allowed);
    }
}
