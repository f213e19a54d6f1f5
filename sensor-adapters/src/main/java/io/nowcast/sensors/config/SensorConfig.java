package io.nowcast.sensors.config;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.Durations;
import io.nowcast.sensors.Quantity;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
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
 * {@link #fromProperties(Properties, String)} takes every {@code sensor.*} key and ignores the rest.
 *
 * @param id       the {@code <id>} part of the keys: letters, digits, {@code _} and {@code -}
 * @param type     the sensor type
 * @param settings the keys given (without the {@code sensor.<id>.} prefix and without {@code type}),
 *                 values trimmed
 * @param origin   where it came from (a file name), for messages
 */
public record SensorConfig(String id, SensorType type, Map<String, String> settings, String origin) {
    private static final String PREFIX = "sensor.";
    private static final String ID = "[A-Za-z0-9_-]+";

    public SensorConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        settings = Map.copyOf(settings);
        validate(id, type, settings, origin);
    }

    /** Builds and validates a configuration in code, e.g. {@code of("sim", "simulated", Map.of("seed", "7"))}. */
    public static SensorConfig of(String id, String type, Map<String, String> settings) {
        SensorType t = SensorType.byConfigName(type).orElseThrow(() -> new SensorConfigException(
                "sensor." + id + ".type = '" + type + "': unknown sensor type (known: " + SensorType.allConfigNames() + ")"));
        return new SensorConfig(id, t, settings, "<code>");
    }

    /**
     * Every sensor in {@code properties}, ordered by id.
     *
     * @param sourceName the file the properties came from, named in every message
     * @throws SensorConfigException on an unknown type or key, a missing required key or a bad value
     */
    public static List<SensorConfig> fromProperties(Properties properties, String sourceName) {
        Map<String, Map<String, String>> byId = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new SensorConfigException(sourceName + ": " + key + ": expected sensor.<id>.<key>");
            }
            String id = rest.substring(0, dot);
            if (!id.matches(ID)) {
                throw new SensorConfigException(sourceName + ": " + key
                        + ": sensor id '" + id + "' may only hold letters, digits, _ and -");
            }
            byId.computeIfAbsent(id, k -> new LinkedHashMap<>())
                    .put(rest.substring(dot + 1), properties.getProperty(key).trim());
        }
        List<SensorConfig> out = new ArrayList<>();
        for (var e : byId.entrySet()) {
            String id = e.getKey();
            Map<String, String> keys = new LinkedHashMap<>(e.getValue());
            String typeName = keys.remove("type");
            if (typeName == null) {
                throw new SensorConfigException(sourceName + ": sensor." + id + ".type is missing (one of: "
                        + SensorType.allConfigNames() + ")");
            }
            SensorType type = SensorType.byConfigName(typeName).orElseThrow(() -> new SensorConfigException(
                    sourceName + ": sensor." + id + ".type = '" + typeName + "': unknown sensor type (known: "
                            + SensorType.allConfigNames() + ")"));
            out.add(new SensorConfig(id, type, keys, sourceName));
        }
        return out;
    }

    private static void validate(String id, SensorType type, Map<String, String> settings, String origin) {
        if (!id.matches(ID)) {
            throw new SensorConfigException(origin + ": sensor id '" + id + "' may only hold letters, digits, _ and -");
        }
        for (var e : settings.entrySet()) {
            String where = origin + ": sensor." + id + "." + e.getKey();
            Setting s = type.setting(e.getKey()).orElseThrow(() -> new SensorConfigException(
                    where + ": unknown key for a " + type.configName() + " sensor (known: " + knownKeys(type) + ")"));
            String problem = s.kind().problem(e.getValue());
            if (problem != null) {
                throw new SensorConfigException(where + " = '" + e.getValue() + "': " + problem);
            }
        }
        for (Setting s : type.settings()) {
            if (s.defaultValue() == null && !type.oneOf().contains(s.key()) && !settings.containsKey(s.key())) {
                throw new SensorConfigException(origin + ": sensor." + id + "." + s.key()
                        + " is missing (a " + type.configName() + " sensor needs it)");
            }
        }
        if (!type.oneOf().isEmpty()) {
            long given = type.oneOf().stream().filter(settings::containsKey).count();
            if (given != 1) {
                throw new SensorConfigException(origin + ": sensor." + id + ": give exactly one of "
                        + String.join(", ", type.oneOf().stream().map(k -> "sensor." + id + "." + k).toList()));
            }
        }
        if (!type.channelsFromData() && settings.containsKey("channels")) {
            for (ChannelChoice c : ChannelChoice.parseList(settings.get("channels"))) {
                if (Quantity.byChannelName(c.source()).filter(type.quantities()::contains).isEmpty()) {
                    throw new SensorConfigException(origin + ": sensor." + id + ".channels: a " + type.configName()
                            + " has no channel '" + c.source() + "' (it has: " + channelNames(type.quantities()) + ")");
                }
            }
        }
    }

    private static String knownKeys(SensorType type) {
        List<String> keys = new ArrayList<>(List.of("type"));
        type.settings().forEach(s -> keys.add(s.key()));
        return String.join(", ", keys);
    }

    private static String channelNames(List<Quantity> quantities) {
        return String.join(", ", quantities.stream().map(Quantity::channelName).toList());
    }

    /** {@code file: sensor.<id>.<key>}, for messages about this sensor's key. */
    public String where(String key) {
        return origin + ": sensor." + id + "." + key;
    }

    /** The value given for {@code key}, or its default; empty when neither exists. */
    public Optional<String> value(String key) {
        String v = settings.get(key);
        if (v != null) {
            return Optional.of(v);
        }
        return type.setting(key).map(Setting::defaultValue);
    }

    private String require(String key) {
        return value(key).orElseThrow(() -> new SensorConfigException(where(key) + " is missing"));
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

    /** How often the station should read this sensor ({@code interval}, default 10 s). */
    public Duration interval() {
        return duration("interval");
    }

    /**
     * The channels readings will have: those chosen by {@code channels} (renamed where asked), or
     * all of {@code available} when the key is absent.
     *
     * @param available the source's own channels (their {@link Channel#source()} names are matched,
     *                  ignoring case)
     * @throws SensorConfigException when {@code channels} names one the source does not have
     */
    public List<Channel> resolveChannels(List<Channel> available) {
        String spec = value("channels").orElse("");
        if (spec.isEmpty()) {
            return List.copyOf(available);
        }
        List<Channel> out = new ArrayList<>();
        for (ChannelChoice c : ChannelChoice.parseList(spec)) {
            Channel match = available.stream()
                    .filter(a -> a.source().toLowerCase(Locale.ROOT).equals(c.source().toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new SensorConfigException(where("channels") + ": no channel '" + c.source()
                            + "' (available: " + String.join(", ", available.stream().map(Channel::source).toList()) + ")"));
            out.add(new Channel(c.name(), match.source(), match.quantity()));
        }
        return out;
    }
}
