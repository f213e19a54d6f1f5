package io.nowcast.sensors.config;

import io.nowcast.history.Quantity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.nowcast.sensors.config.Setting.optional;
import static io.nowcast.sensors.config.Setting.required;
import static io.nowcast.sensors.config.SettingKind.*;

/**
 * The sensor types a station's configuration can name, with the keys each accepts and the
 * channels each can deliver. {@code docs/sensors.md} documents every key.
 */
public enum SensorType {
    BME280("bme280", EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE), List.of(),
            bosch(true), guarded("20")),
    BMP280("bmp280", EnumSet.of(Quantity.TEMPERATURE, Quantity.PRESSURE), List.of(),
            bosch(false), guarded("20")),
    SHT3X("sht3x", EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY), List.of(),
            sensirion("0x44"), guarded("20")),
    SHT4X("sht4x", EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY), List.of(),
            sensirion("0x44"), guarded("20")),
    DS18B20("ds18b20", EnumSet.of(Quantity.TEMPERATURE), List.of(),
            List.of(required("device", W1_DEVICE), optional("w1-dir", TEXT, "/sys/bus/w1/devices")),
            guarded("360")),
    IIO("iio", EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE), List.of("device", "driver"),
            List.of(optional("device", IIO_DEVICE), optional("driver", TEXT),
                    optional("iio-dir", TEXT, "/sys/bus/iio/devices")),
            guarded("360")),
    RAIN_GAUGE("rain-gauge", EnumSet.of(Quantity.RAIN), List.of(),
            List.of(required("pin", GPIO_PIN), optional("mm-per-tip", POSITIVE_NUMBER, "0.2794"),
                    optional("debounce", DURATION, "100ms"), optional("pull", PULL, "up")),
            List.of()),
    ANEMOMETER("anemometer", EnumSet.of(Quantity.WIND_SPEED), List.of(),
            List.of(required("pin", GPIO_PIN), optional("kmh-per-hz", POSITIVE_NUMBER, "2.4"),
                    optional("debounce", DURATION, "5ms"), optional("pull", PULL, "up"),
                    optional("max-speed", POSITIVE_NUMBER, "200")),
            List.of()),
    SIMULATED("simulated", EnumSet.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE,
            Quantity.RAIN, Quantity.WIND_SPEED), List.of(),
            List.of(optional("seed", SEED, "1"), optional("zone", ZONE, "UTC"),
                    optional("mean-temperature", NUMBER, "10")),
            List.of()),
    CSV_REPLAY("csv-replay", null, List.of(),
            List.of(required("file", TEXT), optional("zone", ZONE, "UTC"),
                    optional("timestamp-column", TEXT, "timestamp"), optional("speed", POSITIVE_NUMBER, "1")),
            List.of()),
    /**
     * Values that arrive over MQTT. Its channels come from its format ({@code channels} chooses among
     * them) or, for {@code json} and {@code value}, from {@code channel.<name>} keys; {@link MqttKeys}
     * checks what depends on the format. The broker keys mirror the station's {@code mqtt.*} keys.
     */
    MQTT("mqtt", null, List.of(),
            List.of(required("format", MQTT_FORMAT), optional("topic", TOPIC_FILTER),
                    optional("model", TEXT), optional("id", TEXT), optional("stale", POSITIVE_DURATION, "5min"),
                    optional("broker", BROKER_URI), optional("username", TEXT), optional("password_file", TEXT),
                    optional("password_env", TEXT), optional("tls.ca_file", TEXT), optional("tls.client_keystore", TEXT),
                    optional("tls.client_keystore_password_file", TEXT)),
            List.of());

    /** The keys of one {@code channel.<name>} of an mqtt sensor, by the part after the name ("" for the key itself). */
    private static final Map<String, Setting> CHANNEL_KEYS = Map.of(
            "", optional(ChannelKey.PREFIX + "<name>", TEXT),
            "unit", optional(ChannelKey.PREFIX + "<name>.unit", PAYLOAD_UNIT),
            "quantity", optional(ChannelKey.PREFIX + "<name>.quantity", QUANTITY),
            "total", optional(ChannelKey.PREFIX + "<name>.total", BOOLEAN, "false"));

    private final String configName;
    private final Set<Quantity> quantities;   // null: decided by the data (CSV columns)
    private final List<String> oneOf;
    private final List<Setting> settings;
    private final boolean guardSettings;

    SensorType(String configName, Set<Quantity> quantities, List<String> oneOf,
               List<Setting> own, List<Setting> guard) {
        this.configName = configName;
        this.quantities = quantities;
        this.oneOf = oneOf;
        List<Setting> all = new ArrayList<>(List.of(
                optional("channels", CHANNELS, ""),
                optional("interval", POSITIVE_DURATION, "10s")));
        all.addAll(own);
        all.addAll(guard);
        this.settings = List.copyOf(all);
        this.guardSettings = !guard.isEmpty();
    }

    /** The name used after {@code type =}. */
    public String configName() {
        return configName;
    }

    /** The quantities this type can deliver, in the default channel order; empty for CSV replay and mqtt. */
    public List<Quantity> quantities() {
        return quantities == null ? List.of() : List.copyOf(quantities);
    }

    /**
     * True when the channels come from the data (CSV columns) or the configuration (an mqtt sensor's
     * format and keys) rather than from the type.
     */
    public boolean channelsFromData() {
        return quantities == null;
    }

    /** True when the type takes the fault-handling keys timeout, attempts, backoff-max and stuck-after. */
    public boolean hasGuardSettings() {
        return guardSettings;
    }

    /** Keys of which exactly one must be given (IIO: device or driver). */
    List<String> oneOf() {
        return oneOf;
    }

    List<Setting> settings() {
        return settings;
    }

    Optional<Setting> setting(String key) {
        if (this == MQTT && key.startsWith(ChannelKey.PREFIX)) {
            return ChannelKey.parse(key).map(k -> CHANNEL_KEYS.get(k.part()))
                    .map(s -> new Setting(key, s.kind(), s.defaultValue(), false));
        }
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Every key, for messages: the type's own and, for mqtt, the {@code channel.<name>} family. */
    List<String> keyNames() {
        List<String> keys = new ArrayList<>();
        settings.forEach(s -> keys.add(s.key()));
        if (this == MQTT) {
            for (String part : List.of("", "unit", "quantity", "total")) {
                keys.add(CHANNEL_KEYS.get(part).key());
            }
        }
        return keys;
    }

    /** The type called {@code name} in a configuration file. */
    public static Optional<SensorType> byConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (SensorType t : values()) {
            if (t.configName.equals(wanted)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Every configuration name, for messages. */
    public static String allConfigNames() {
        List<String> names = new ArrayList<>();
        for (SensorType t : values()) {
            names.add(t.configName);
        }
        return String.join(", ", names);
    }

    private static List<Setting> bosch(boolean humidity) {
        List<Setting> s = new ArrayList<>(List.of(
                optional("bus", BUS, "1"), optional("address", I2C_ADDRESS, "0x76"),
                optional("oversampling.temperature", OVERSAMPLING, "1"),
                optional("oversampling.pressure", OVERSAMPLING, "1"),
                optional("filter", IIR_FILTER, "0")));
        if (humidity) {
            s.add(optional("oversampling.humidity", OVERSAMPLING, "1"));
        }
        return s;
    }

    private static List<Setting> sensirion(String address) {
        return List.of(optional("bus", BUS, "1"), optional("address", I2C_ADDRESS, address),
                optional("precision", PRECISION, "high"));
    }

    private static List<Setting> guarded(String stuckAfter) {
        return List.of(optional("timeout", POSITIVE_DURATION, "2s"), optional("attempts", ATTEMPTS, "3"),
                optional("backoff-max", POSITIVE_DURATION, "5min"), optional("stuck-after", COUNT, stuckAfter));
    }
}
