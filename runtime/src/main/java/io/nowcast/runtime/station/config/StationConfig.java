package io.nowcast.runtime.station.config;

import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.skill.SkillSettings;
import io.nowcast.runtime.station.update.UpdateConfig;
import io.nowcast.runtime.station.update.UpdateSettings;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.ConfigFile;
import io.nowcast.sensors.config.ConfigProblems;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.config.SensorType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated configuration of {@code nowcast run}: every key of docs/station.md, with its
 * default, and the sensors ({@code sensor.<id>.<key>}, docs/sensors.md). The file is read by
 * {@link ConfigFile}, so that every message names the file and the line. Secrets are read here
 * (from a file or an environment variable) and never logged.
 *
 * @param sensors the configured sensors, ordered by id; at least one
 * @param skill   {@code model.fallback} and {@code skill.min_scored}
 * @param updates the {@code model.update.*} keys (docs/updates.md); null when no update is taken
 */
public record StationConfig(String stationId, Path dataDir, Path modelFile, String engine, int maxFilledIntervals,
        int historyKeepMonths, long outboxMaxBytes, BrokerSettings broker, boolean discovery, String discoveryPrefix,
        int expireAfterIntervals, List<SensorConfig> sensors, boolean requireClockSync, SkillSettings skill,
        UpdateSettings updates) {

    /** A configuration that takes no model update. */
    public StationConfig(String stationId, Path dataDir, Path modelFile, String engine, int maxFilledIntervals,
            int historyKeepMonths, long outboxMaxBytes, BrokerSettings broker, boolean discovery, String discoveryPrefix,
            int expireAfterIntervals, List<SensorConfig> sensors, boolean requireClockSync, SkillSettings skill) {
        this(stationId, dataDir, modelFile, engine, maxFilledIntervals, historyKeepMonths, outboxMaxBytes, broker, discovery,
                discoveryPrefix, expireAfterIntervals, sensors, requireClockSync, skill, null);
    }

    /** A configuration with the default live skill settings ({@link SkillSettings#DEFAULT}). */
    public StationConfig(String stationId, Path dataDir, Path modelFile, String engine, int maxFilledIntervals,
            int historyKeepMonths, long outboxMaxBytes, BrokerSettings broker, boolean discovery, String discoveryPrefix,
            int expireAfterIntervals, List<SensorConfig> sensors, boolean requireClockSync) {
        this(stationId, dataDir, modelFile, engine, maxFilledIntervals, historyKeepMonths, outboxMaxBytes, broker, discovery,
                discoveryPrefix, expireAfterIntervals, sensors, requireClockSync, SkillSettings.DEFAULT);
    }

    /** A configuration that requires a synchronised clock ({@code station.require_clock_sync = true}, the default). */
    public StationConfig(String stationId, Path dataDir, Path modelFile, String engine, int maxFilledIntervals,
            int historyKeepMonths, long outboxMaxBytes, BrokerSettings broker, boolean discovery, String discoveryPrefix,
            int expireAfterIntervals, List<SensorConfig> sensors) {
        this(stationId, dataDir, modelFile, engine, maxFilledIntervals, historyKeepMonths, outboxMaxBytes, broker, discovery,
                discoveryPrefix, expireAfterIntervals, sensors, true);
    }

    /** Every key this class reads (sensor.* keys go to the sensor adapters). */
    public static final Set<String> KEYS = Set.of("station.id", "station.data_dir", "station.require_clock_sync",
            "model.file", "model.engine", "model.fallback", "skill.min_scored", "gaps.max_filled_intervals", "history.keep_months", "outbox.max_bytes", "mqtt.broker", "mqtt.client_id",
            "mqtt.qos", "mqtt.username", "mqtt.password_file", "mqtt.password_env", "mqtt.keep_alive_seconds",
            "mqtt.reconnect_min_seconds", "mqtt.reconnect_max_seconds", "mqtt.tls.ca_file", "mqtt.tls.client_keystore",
            "mqtt.tls.client_keystore_password_file", "homeassistant.discovery", "homeassistant.prefix",
            "homeassistant.expire_after_intervals");
    public static final String SENSOR_PREFIX = "sensor.";
    /** A password file is read whole, so a larger one is refused before it is read. */
    static final long MAX_SECRET_FILE_BYTES = 64 * 1024;
    public static final long DEFAULT_OUTBOX_BYTES = 64L * 1024 * 1024;

    /**
     * Reads and validates {@code file}. Relative paths in it are resolved against the file's folder.
     *
     * @param env the environment (for {@code mqtt.password_env})
     * @throws ConfigException naming the file, line and key that is wrong
     */
    public static StationConfig load(Path file, Map<String, String> env) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        ConfigFile f = ConfigFile.read(file, problems);
        refuseUnknownKeys(f, problems);
        Reader r = new Reader(f);
        String id = problems.check(() -> stationId(r), "station");
        Path dataDir = r.path("station.data_dir", "/var/lib/nowcast");
        Path model = problems.check(() -> r.path(r.required("model.file")), null);
        String engine = problems.check(() -> r.choice("model.engine", "float", "float", "q16"), "float");
        int maxFilled = problems.check(() -> r.integer("gaps.max_filled_intervals", 2, 0, 10_000), 2);
        int keepMonths = problems.check(() -> r.integer("history.keep_months", 13, 1, 1200), 13);
        long outboxBytes = problems.check(() -> r.bytes("outbox.max_bytes", DEFAULT_OUTBOX_BYTES), DEFAULT_OUTBOX_BYTES);
        boolean discovery = Boolean.parseBoolean(problems.check(
                () -> r.choice("homeassistant.discovery", "true", "true", "false"), "true"));
        String prefix = r.text("homeassistant.prefix", "homeassistant");
        int expire = problems.check(() -> r.integer("homeassistant.expire_after_intervals", 3, 1, 1_000_000), 3);
        boolean requireClockSync = Boolean.parseBoolean(problems.check(
                () -> r.choice("station.require_clock_sync", "true", "true", "false"), "true"));
        boolean fallback = "persistence".equals(problems.check(
                () -> r.choice("model.fallback", "none", "none", "persistence"), "none"));
        int minScored = problems.check(() -> r.integer("skill.min_scored", SkillSettings.DEFAULT_MIN_SCORED, 1, 1_000_000),
                SkillSettings.DEFAULT_MIN_SCORED);
        BrokerSettings broker = broker(r, id, env, problems);
        List<SensorConfig> sensors = problems.check(() -> SensorConfig.readAll(f), List.of());
        UpdateSettings updates = UpdateConfig.read(f, problems);
        problems.throwIfAny();
        return new StationConfig(id, dataDir, model, engine, maxFilled, keepMonths, outboxBytes, broker, discovery, prefix,
                expire, sensors, requireClockSync, new SkillSettings(fallback, minScored), updates);
    }

    private static String stationId(Reader r) throws ConfigException {
        String id = r.required("station.id");
        if (!StationTopics.validId(id)) {
            throw r.bad("station.id", "1..64 characters of a-z, A-Z, 0-9, '-' and '_'");
        }
        return id;
    }

    /**
     * The sensors of {@code file}, read and checked as {@link #load} reads them, without needing the
     * station's other keys: for {@code nowcast sensors} while a station is being set up.
     *
     * @throws ConfigException naming the file, line and key that is wrong
     */
    public static List<SensorConfig> sensors(Path file) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        ConfigFile f = ConfigFile.read(file, problems);
        refuseUnknownKeys(f, problems);
        List<SensorConfig> sensors = problems.check(() -> SensorConfig.readAll(f), List.of());
        problems.throwIfAny();
        return sensors;
    }

    /**
     * What {@code nowcast sensors} needs of a station's file: its sensors and, when the file sets
     * {@code mqtt.broker}, the station's broker (which mqtt sensors share unless they name their own),
     * read and checked as {@link #load} reads them, without needing the station's other keys.
     *
     * @param broker       the station's broker; null when the file sets no {@code mqtt.broker} or no
     *                     mqtt sensor shares it
     * @param clientIdBase the station's MQTT client id ({@code mqtt.client_id}, else
     *                     {@code nowcast-<station.id>}), from which the sensors' client ids are made
     */
    public record SensorSetup(List<SensorConfig> sensors, BrokerSettings broker, String clientIdBase) {
    }

    /**
     * @param env the environment (for {@code mqtt.password_env} and a sensor's {@code password_env})
     * @throws ConfigException naming the file, line and key that is wrong
     */
    public static SensorSetup sensorSetup(Path file, Map<String, String> env) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        ConfigFile f = ConfigFile.read(file, problems);
        refuseUnknownKeys(f, problems);
        Reader r = new Reader(f);
        String id = f.get("station.id") == null ? "station" : problems.check(() -> stationId(r), "station");
        List<SensorConfig> sensors = problems.check(() -> SensorConfig.readAll(f), List.of());
        // The station's login is read only when a sensor shares its broker: a password file that this
        // user may not read does not stand in the way of looking at I2C sensors.
        boolean shared = sensors.stream().anyMatch(c -> c.type() == SensorType.MQTT && !c.has("broker"));
        BrokerSettings broker = shared && f.get("mqtt.broker") != null ? broker(r, id, env, problems) : null;
        String clientIdBase = broker != null ? broker.clientId() : r.text("mqtt.client_id", "nowcast-" + id);
        problems.throwIfAny();
        return new SensorSetup(sensors, broker, clientIdBase);
    }

    /**
     * A secret kept in a file: its first line, trailing white space removed (the station's
     * {@code mqtt.password_file}, an mqtt sensor's {@code password_file}). It never appears in a message.
     */
    public static char[] readSecret(Path file) throws IOException {
        if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
            throw new IOException(file + " is " + Files.size(file) + " bytes, larger than a password file can be ("
                    + MAX_SECRET_FILE_BYTES + ")");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).stripTrailing().toCharArray();
    }

    private static void refuseUnknownKeys(ConfigFile f, ConfigProblems problems) {
        for (ConfigFile.Entry e : f.entries()) {
            if (!e.key().startsWith(SENSOR_PREFIX) && !KEYS.contains(e.key()) && !UpdateConfig.KEYS.contains(e.key())) {
                problems.add(new ConfigException(f.path() + ":" + e.line() + ": unknown key '" + e.key()
                        + "' (see docs/station.md)"));
            }
        }
    }

    /** The broker settings; null when a problem was recorded. */
    private static BrokerSettings broker(Reader r, String id, Map<String, String> env, ConfigProblems problems) {
        String uri = problems.check(() -> brokerUri(r), null);
        String clientId = r.text("mqtt.client_id", "nowcast-" + id);
        int qos = problems.check(() -> r.integer("mqtt.qos", 1, 0, 2), 1);
        String user = r.text("mqtt.username", null);
        char[] password = problems.check(() -> r.secret("mqtt.password_file", "mqtt.password_env", env), null);
        int keepAlive = problems.check(() -> r.integer("mqtt.keep_alive_seconds", 30, 5, 65_535), 30);
        int min = problems.check(() -> r.integer("mqtt.reconnect_min_seconds", 1, 1, 3600), 1);
        int max = problems.check(() -> r.integer("mqtt.reconnect_max_seconds", 120, min, 86_400), 120);
        Path ca = r.path("mqtt.tls.ca_file", null);
        Path keystore = r.path("mqtt.tls.client_keystore", null);
        char[] keystorePassword = problems.check(() -> r.secret("mqtt.tls.client_keystore_password_file", null, env), null);
        if (uri != null && !uri.startsWith("ssl://") && (ca != null || keystore != null)) {
            problems.add(r.bad(ca != null ? "mqtt.tls.ca_file" : "mqtt.tls.client_keystore",
                    "only with an ssl:// broker (mqtt.broker is " + uri + ")"));
        }
        for (String key : new String[] {"mqtt.tls.ca_file", "mqtt.tls.client_keystore"}) {
            Path p = r.path(key, null);
            if (p != null && !Files.isReadable(p)) {
                problems.add(r.bad(key, "a readable file (" + p + " is not)"));
            }
        }
        if (keystore != null && keystorePassword == null && r.text("mqtt.tls.client_keystore_password_file", null) == null) {
            problems.add(r.missing("mqtt.tls.client_keystore_password_file"));
        }
        return problems.isEmpty()
                ? new BrokerSettings(uri, clientId, qos, user, password, ca, keystore, keystorePassword, keepAlive, min, max)
                : null;
    }

    private static String brokerUri(Reader r) throws ConfigException {
        String uri = r.required("mqtt.broker");
        try {
            URI u = new URI(uri);
            if (("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) && u.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, with the allowed forms
        }
        throw r.bad("mqtt.broker", "tcp://HOST:PORT or ssl://HOST:PORT");
    }

    /** Typed access to the entries, with messages that name the line. */
    private static final class Reader {
        private final ConfigFile f;

        Reader(ConfigFile f) {
            this.f = f;
        }

        String text(String key, String fallback) {
            ConfigFile.Entry e = f.get(key);
            return e == null || e.value().isEmpty() ? fallback : e.value();
        }

        String required(String key) throws ConfigException {
            String v = text(key, null);
            if (v == null) {
                throw missing(key);
            }
            return v;
        }

        Path path(String key, String fallback) {
            String v = text(key, fallback);
            return v == null ? null : path(v);
        }

        /** {@code value} as a path, relative ones resolved against the file's folder. */
        Path path(String value) {
            Path p = Path.of(value);
            Path dir = f.path().toAbsolutePath().getParent();
            return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
        }

        String choice(String key, String fallback, String... allowed) throws ConfigException {
            String v = text(key, fallback).toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return a;
                }
            }
            throw bad(key, String.join(" or ", allowed));
        }

        int integer(String key, int fallback, int min, int max) throws ConfigException {
            String v = text(key, null);
            if (v == null) {
                return fallback;
            }
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(key, "a whole number in " + min + ".." + max);
            }
            if (n < min || n > max) {
                throw bad(key, "a whole number in " + min + ".." + max);
            }
            return n;
        }

        /** A byte count: a whole number, optionally with KiB, MiB or GiB. */
        long bytes(String key, long fallback) throws ConfigException {
            String v = text(key, null);
            if (v == null) {
                return fallback;
            }
            String digits = v;
            long unit = 1;
            for (String[] u : new String[][] {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}}) {
                if (v.endsWith(u[0])) {
                    digits = v.substring(0, v.length() - u[0].length()).strip();
                    unit = Long.parseLong(u[1]);
                }
            }
            if (!digits.matches("[0-9]{1,12}") || Long.parseLong(digits) * unit < Outbox.MIN_MAX_BYTES) {
                throw bad(key, "a byte count of at least " + Outbox.MIN_MAX_BYTES + " (e.g. 65536, 512 KiB, 64 MiB)");
            }
            return Long.parseLong(digits) * unit;
        }

        /**
         * A secret from a file (its first line) or from the environment variable named by envKey.
         * Neither the secret nor any part of it appears in a message.
         */
        char[] secret(String fileKey, String envKey, Map<String, String> env) throws ConfigException {
            Path file = path(fileKey, null);
            String variable = envKey == null ? null : text(envKey, null);
            if (file != null && variable != null) {
                throw new ConfigException(f.path() + ":" + f.get(envKey).line() + ": give " + fileKey + " or " + envKey
                        + ", not both");
            }
            if (file != null) {
                try {
                    return readSecret(file);
                } catch (IOException e) {
                    throw bad(fileKey, "a readable file (" + file + " is not)");
                }
            }
            if (variable != null) {
                String value = env.get(variable);
                if (value == null) {
                    throw bad(envKey, "the name of a set environment variable (" + variable + " is not set)");
                }
                return value.toCharArray();
            }
            return null;
        }

        ConfigException missing(String key) {
            return new ConfigException(f.path() + ": " + key + " is required (see docs/station.md)");
        }

        ConfigException bad(String key, String allowed) {
            ConfigFile.Entry e = f.get(key);
            return new ConfigException(f.where(e) + " is '" + e.value() + "', allowed " + allowed);
        }
    }
}
