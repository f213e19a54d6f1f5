package io.nowcast.sensors.config;

import io.nowcast.history.Durations;
import io.nowcast.sensors.Channel;
import io.nowcast.history.Quantity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One sensor's configuration: its id, type and settings, validated when it is made.
 *
 * <p>A station's configuration file holds sensors as {@code sensor.<id>.<key> = value}:
 * <pre>
 * sensor.outside.type = bme280
 * sensor.outside.address = 0x76
 * sensor.outside.channels = temperature, humidity, pressure
 * </pre>
 * {@link #readAll(ConfigFile)} takes every {@code sensor.*} entry of a {@link ConfigFile} and
 * ignores the rest; every message names the file and the line of the key (for a key that is
 * missing, the line of the sensor's {@code type}).
 */
public final class SensorConfig {
    private static final String PREFIX = "sensor.";
    private static final String ID = "[A-Za-z0-9_-]+";
    private static final String TYPE = "type";

    private final String id;
    private final SensorType type;
    private final Map<String, String> settings;   // without type, values trimmed
    private final String file;                    // named in messages: the file's path, or <code>
    private final Map<String, Integer> lines;     // key (type too) -> its line in file; empty when built in code

    private SensorConfig(String id, SensorType type, Map<String, String> settings, String file, Map<String, Integer> lines)
            throws ConfigException {
        this.id = id;
        this.type = type;
        this.settings = Map.copyOf(settings);
        this.file = file;
        this.lines = Map.copyOf(lines);
        validate();
    }

    /**
     * Builds and validates a configuration in code, e.g. {@code of("sim", "simulated", Map.of("seed", "7"))}.
     *
     * @throws ConfigException as {@link #readAll}, naming {@code <code>} for the file
     */
    public static SensorConfig of(String id, String type, Map<String, String> settings) throws ConfigException {
        String where = "<code>: sensor." + id + ".type";
        checkId(id, where);
        return new SensorConfig(id, typeNamed(type, where), settings, "<code>", Map.of());
    }

    /**
     * Every sensor of {@code file}, ordered by id.
     *
     * @throws ConfigException naming the file, line and key: no sensor at all, an unknown type or
     *                         key, a missing required key or a bad value
     */
    public static List<SensorConfig> readAll(ConfigFile file) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        Map<String, Map<String, ConfigFile.Entry>> byId = new TreeMap<>();
        for (ConfigFile.Entry e : file.entries()) {
            if (!e.key().startsWith(PREFIX)) {
                continue;
            }
            String rest = e.key().substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                problems.add(new ConfigException(file.where(e) + ": expected sensor.<id>.<key>"));
                continue;
            }
            String id = rest.substring(0, dot);
            if (problems.check(() -> checkId(id, file.where(e)), false)) {
                byId.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(rest.substring(dot + 1), e);
            }
        }
        if (byId.isEmpty() && problems.isEmpty()) {
            throw new ConfigException(file.path() + ": no sensor configured (add sensor.<id>.type = ..., see docs/sensors.md)");
        }
        List<SensorConfig> out = new ArrayList<>();
        for (var e : byId.entrySet()) {
            SensorConfig sensor = problems.check(() -> fromEntries(file, e.getKey(), e.getValue()), null);
            if (sensor != null) {
                out.add(sensor);
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static SensorConfig fromEntries(ConfigFile file, String id, Map<String, ConfigFile.Entry> keys)
            throws ConfigException {
        ConfigFile.Entry typeEntry = keys.get(TYPE);
        if (typeEntry == null) {
            ConfigFile.Entry first = keys.values().iterator().next();
            throw new ConfigException(file.path() + ":" + first.line() + ": sensor." + id + ".type is missing (one of: "
                    + SensorType.allConfigNames() + ")");
        }
        SensorType type = typeNamed(typeEntry.value(), file.where(typeEntry));
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        keys.forEach((key, e) -> {
            lines.put(key, e.line());
            if (!key.equals(TYPE)) {
                settings.put(key, e.value());
            }
        });
        return new SensorConfig(id, type, settings, file.path().toString(), lines);
    }

    /** @return true (a value for {@link ConfigProblems#check}) */
    private static boolean checkId(String id, String where) throws ConfigException {
        if (!id.matches(ID)) {
            throw new ConfigException(where + ": sensor id '" + id + "' may only hold letters, digits, _ and -");
        }
        return true;
    }

    private static SensorType typeNamed(String name, String where) throws ConfigException {
        return SensorType.byConfigName(name).orElseThrow(() -> new ConfigException(
                where + " = '" + name + "': unknown sensor type (known: " + SensorType.allConfigNames() + ")"));
    }

    /** @throws ConfigException holding every problem of this sensor's keys */
    private void validate() throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        boolean channelsWellFormed = true;
        for (var e : settings.entrySet()) {
            Optional<Setting> s = type.setting(e.getKey());
            if (s.isEmpty()) {
                problems.add(new ConfigException(where(e.getKey()) + ": unknown key for a " + type.configName()
                        + " sensor (known: " + knownKeys() + ")"));
                continue;
            }
            String problem = s.get().kind().problem(e.getValue());
            if (problem != null) {
                problems.add(new ConfigException(where(e.getKey()) + " = '" + e.getValue() + "': " + problem));
                channelsWellFormed &= !e.getKey().equals("channels");
            }
        }
        for (Setting s : type.settings()) {
            if (s.required() && !settings.containsKey(s.key())) {
                problems.add(new ConfigException(where(s.key()) + " is missing (a " + type.configName() + " sensor needs it)"));
            }
        }
        if (!type.oneOf().isEmpty() && type.oneOf().stream().filter(settings::containsKey).count() != 1) {
            problems.add(new ConfigException(at(TYPE) + ": sensor." + id + ": give exactly one of "
                    + String.join(", ", type.oneOf().stream().map(k -> "sensor." + id + "." + k).toList())));
        }
        if (!type.channelsFromData() && settings.containsKey("channels") && channelsWellFormed) {
            for (ChannelChoice c : ChannelChoice.parseList(settings.get("channels"))) {
                if (Quantity.byChannelName(c.source()).filter(type.quantities()::contains).isEmpty()) {
                    problems.add(new ConfigException(where("channels") + ": a " + type.configName() + " has no channel '"
                            + c.source() + "' (it has: " + channelNames(type.quantities()) + ")"));
                }
            }
        }
        if (type == SensorType.MQTT) {
            MqttKeys.check(this, problems);
        }
        problems.throwIfAny();
    }

    private String knownKeys() {
        List<String> keys = new ArrayList<>(List.of(TYPE));
        keys.addAll(type.keyNames());
        return String.join(", ", keys);
    }

    private static String channelNames(List<Quantity> quantities) {
        return String.join(", ", quantities.stream().map(Quantity::channelName).toList());
    }

    /** {@code FILE:LINE} of {@code key}, or of the sensor's type when the key is not in the file. */
    private String at(String key) {
        Integer line = lines.getOrDefault(key, lines.get(TYPE));
        return line == null ? file : file + ":" + line;
    }

    /** {@code FILE:LINE: sensor.<id>.<key>}, for messages about this sensor's key. */
    public String where(String key) {
        return at(key) + ": sensor." + id + "." + key;
    }

    /** The {@code <id>} part of the keys: letters, digits, {@code _} and {@code -}. */
    public String id() {
        return id;
    }

    public SensorType type() {
        return type;
    }

    /** The keys given (without {@code type}). */
    Set<String> keys() {
        return settings.keySet();
    }

    /** True when the file (or the code) gives {@code key}; false when it would take its default. */
    public boolean has(String key) {
        return settings.containsKey(key);
    }

    /**
     * The names of an mqtt sensor's {@code channel.<name>} keys, in the order of their lines (by name
     * when built in code).
     */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        for (String key : settings.keySet()) {
            ChannelKey.parse(key).filter(k -> k.part().isEmpty()).ifPresent(k -> names.add(k.name()));
        }
        names.sort(Comparator.<String>comparingInt(n -> lines.getOrDefault(ChannelKey.of(n, ""), 0))
                .thenComparing(Comparator.naturalOrder()));
        return names;
    }

    /**
     * A file named by {@code key}; a relative path is taken from the folder of the configuration
     * file, as the station's own keys are (docs/station.md).
     */
    public Path path(String key) {
        Path p = Path.of(require(key));
        Path dir = lines.isEmpty() ? null : Path.of(file).toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    /** The value given for {@code key}, or its default; empty when neither exists. */
    public Optional<String> value(String key) {
        String v = settings.get(key);
        if (v != null) {
            return Optional.of(v);
        }
        return type.setting(key).map(Setting::defaultValue); // empty when the default is null
    }

    /** A validated value; asking for a key the type has no value for is a programming error. */
    private String require(String key) {
        return value(key).orElseThrow(() -> new IllegalArgumentException(
                "a " + type.configName() + " sensor has no value for '" + key + "'"));
    }

    public String text(String key) {
        return require(key);
    }

    public int integer(String key) {
        return Integer.parseInt(require(key));
    }

    public long longValue(String key) {
        return Long.parseLong(require(key));
    }

    public double number(String key) {
        return Double.parseDouble(require(key));
    }

    public Duration duration(String key) {
        return Durations.parse(require(key));
    }

    public ZoneId zone(String key) {
        return ZoneId.of(require(key));
    }

    /** An I2C address written in hex ({@code 0x76}) or decimal. */
    public int address(String key) {
        return SettingKind.parseAddress(require(key));
    }

    /** How often the station should read this sensor ({@code interval}, default 10s). */
    public Duration interval() {
        return duration("interval");
    }

    /**
     * The channels readings will have: those chosen by {@code channels} (renamed where asked), or
     * all of {@code available} when the key is absent.
     *
     * @param available the source's own channels (their {@link Channel#source()} names are matched,
     *                  ignoring case)
     * @throws ConfigException when {@code channels} names one the source does not have
     */
    public List<Channel> resolveChannels(List<Channel> available) throws ConfigException {
        String spec = value("channels").orElse("");
        if (spec.isEmpty()) {
            return List.copyOf(available);
        }
        List<Channel> out = new ArrayList<>();
        for (ChannelChoice c : ChannelChoice.parseList(spec)) {
            Channel match = available.stream()
                    .filter(a -> a.source().toLowerCase(Locale.ROOT).equals(c.source().toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(where("channels") + ": no channel '" + c.source()
                            + "' (available: " + String.join(", ", available.stream().map(Channel::source).toList()) + ")"));
            out.add(new Channel(c.name(), match.source(), match.quantity()));
        }
        return out;
    }
}
