package io.nowcast.sensors.config;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.mqtt.MqttChannel;
import io.nowcast.sensors.mqtt.MqttFormat;
import io.nowcast.sensors.mqtt.MqttSource;
import io.nowcast.sensors.mqtt.PayloadUnit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of an mqtt sensor that depend on each other: what its format needs ({@code topic},
 * {@code channels} or {@code channel.<name>} keys), its {@code channel.<name>} family, and its own
 * broker's login and TLS keys. {@link SensorConfig} checks every key's value on its own first; here
 * every problem is recorded with its line, as there.
 */
public final class MqttKeys {
    /** The keys that log in to a broker of the sensor's own, as the station's {@code mqtt.*} keys do. */
    private static final List<String> LOGIN_KEYS = List.of("username", "password_file", "password_env", "tls.ca_file",
            "tls.client_keystore", "tls.client_keystore_password_file");
    private static final List<String> FILE_KEYS = List.of("password_file", "tls.ca_file", "tls.client_keystore",
            "tls.client_keystore_password_file");

    private MqttKeys() {
    }

    /**
     * What an mqtt sensor reads, from its validated configuration.
     *
     * @throws ConfigException when {@code channels} names a channel the sensor does not have
     */
    public static MqttSource.Spec spec(SensorConfig c) throws ConfigException {
        MqttFormat format = MqttFormat.byConfigName(c.text("format")).orElseThrow();
        List<MqttChannel> channels = new ArrayList<>();
        if (format.channelsConfigured()) {
            List<Channel> available = new ArrayList<>();
            for (String name : c.channelNames()) {
                available.add(new Channel(name, name, quantity(c, name).orElseThrow()));
            }
            for (Channel ch : c.resolveChannels(available)) {
                String name = ch.source();
                channels.add(new MqttChannel(ch, c.text(ChannelKey.of(name, "")),
                        unit(c, name, ch.quantity()).orElseThrow(),
                        Boolean.parseBoolean(c.text(ChannelKey.of(name, "total")))));
            }
        } else {
            for (Channel ch : c.resolveChannels(format.quantities().stream().map(Channel::of).toList())) {
                channels.add(MqttChannel.of(ch));
            }
        }
        return new MqttSource.Spec(c.id(), format, c.value("topic").orElse(null), c.value("model").orElse(null),
                c.value("id").orElse(null), channels, c.duration("stale"));
    }

    /** Records every problem of the keys that depend on each other. */
    static void check(SensorConfig c, ConfigProblems problems) {
        Optional<MqttFormat> format = c.value("format").flatMap(MqttFormat::byConfigName);
        if (format.isPresent()) {
            checkTopic(c, format.get(), problems);
            checkChannels(c, format.get(), problems);
        }
        checkLogin(c, problems);
    }

    private static void checkTopic(SensorConfig c, MqttFormat f, ConfigProblems problems) {
        if (f == MqttFormat.VALUE && c.has("topic")) {
            problems.add(new ConfigException(c.where("topic") + ": a value sensor has a topic per channel ("
                    + key(c, "channel.<name>") + " = TOPIC); remove this key"));
        } else if (f != MqttFormat.VALUE && !c.has("topic")) {
            problems.add(new ConfigException(c.where("topic") + " is missing (an mqtt sensor with format "
                    + f.configName() + " needs it, e.g. " + exampleTopic(f) + ")"));
        }
        for (String k : List.of("model", "id")) {
            if (f != MqttFormat.RTL_433 && c.has(k)) {
                problems.add(new ConfigException(c.where(k) + ": only for format rtl_433 (this sensor's is "
                        + f.configName() + ")"));
            }
        }
    }

    private static String exampleTopic(MqttFormat f) {
        return switch (f) {
            case RTL_433 -> "rtl_433/+/events";
            case WEEWX -> "weather/loop";
            case JSON, VALUE -> "tele/tasmota_1A2B3C/SENSOR";
        };
    }

    private static void checkChannels(SensorConfig c, MqttFormat f, ConfigProblems problems) {
        List<String> familyKeys = new ArrayList<>();
        for (String k : c.keys()) {
            if (ChannelKey.parse(k).isPresent()) {
                familyKeys.add(k);
            }
        }
        if (!f.channelsConfigured()) {
            for (String k : familyKeys) {
                problems.add(new ConfigException(c.where(k) + ": only for formats json and value (a " + f.configName()
                        + " sensor chooses among its channels with " + key(c, "channels") + ")"));
            }
            List<String> names = f.quantities().stream().map(Quantity::channelName).toList();
            if (!c.has("channels")) {
                problems.add(new ConfigException(c.where("channels") + " is missing (an mqtt sensor with format "
                        + f.configName() + " needs it: choose among " + String.join(", ", names) + ")"));
            } else {
                checkChoices(c, names, "a " + f.configName() + " sensor has no channel '%s' (it has: %s)", problems);
            }
            return;
        }
        List<String> names = c.channelNames();
        if (names.isEmpty()) {
            problems.add(new ConfigException(c.where("channel.<name>") + " is missing (an mqtt sensor with format "
                    + f.configName() + " needs one for each channel, e.g. " + key(c, "channel.temperature") + " = "
                    + (f == MqttFormat.JSON ? "BME280.Temperature" : "weather-node/sensor/temperature/state") + ")"));
        }
        for (String k : familyKeys) {
            ChannelKey ck = ChannelKey.parse(k).orElseThrow();
            if (!ck.part().isEmpty() && !c.has(ChannelKey.of(ck.name(), ""))) {
                problems.add(new ConfigException(c.where(k) + ": there is no " + key(c, ChannelKey.of(ck.name(), ""))));
            }
        }
        for (String name : names) {
            checkChannel(c, f, name, problems);
        }
        if (c.has("channels")) {
            checkChoices(c, names, "no channel '%s' (configured: %s)", problems);
        }
    }

    private static void checkChannel(SensorConfig c, MqttFormat f, String name, ConfigProblems problems) {
        String where = ChannelKey.of(name, "");
        String field = c.text(where);
        if (f == MqttFormat.VALUE) {
            String p = SettingKind.TOPIC_FILTER.problem(field);
            if (p != null) {
                problems.add(new ConfigException(c.where(where) + " = '" + field + "': " + p));
            }
        } else if (field.isEmpty() || List.of(field.split("\\.", -1)).contains("")) {
            problems.add(new ConfigException(c.where(where) + " = '" + field
                    + "': not a field (a member name, or names joined by dots into nested objects: BME280.Temperature)"));
        }
        Optional<Quantity> q = quantity(c, name);
        if (q.isEmpty()) {
            if (!c.has(ChannelKey.of(name, "quantity"))) {
                problems.add(new ConfigException(c.where(where) + ": what does '" + name + "' measure? Name the channel "
                        + "after its quantity or give " + key(c, ChannelKey.of(name, "quantity")) + " ("
                        + SettingKind.allQuantityNames() + ")"));
            }
            return; // a bad quantity value is reported by its own check
        }
        String unitKey = ChannelKey.of(name, "unit");
        if (c.has(unitKey) && PayloadUnit.named(c.text(unitKey)).isPresent() && unit(c, name, q.get()).isEmpty()) {
            problems.add(new ConfigException(c.where(unitKey) + " = '" + c.text(unitKey) + "': not a unit of "
                    + q.get().channelName() + " (" + PayloadUnit.namesFor(q.get()) + ")"));
        }
        String totalKey = ChannelKey.of(name, "total");
        if (c.has(totalKey) && c.text(totalKey).equals("true") && q.get() != Quantity.RAIN) {
            problems.add(new ConfigException(c.where(totalKey) + ": only rain can be a running total ('" + name
                    + "' is " + q.get().channelName() + ")"));
        }
    }

    /** Each entry of {@code channels} must name one of {@code names}. */
    private static void checkChoices(SensorConfig c, List<String> names, String problem, ConfigProblems problems) {
        List<ChannelChoice> choices;
        try {
            choices = ChannelChoice.parseList(c.text("channels"));
        } catch (IllegalArgumentException e) {
            return; // reported by the value's own check
        }
        for (ChannelChoice choice : choices) {
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(choice.source()))) {
                problems.add(new ConfigException(c.where("channels") + ": "
                        + String.format(problem, choice.source(), String.join(", ", names))));
            }
        }
    }

    private static void checkLogin(SensorConfig c, ConfigProblems problems) {
        boolean own = c.has("broker");
        for (String k : LOGIN_KEYS) {
            if (c.has(k) && !own) {
                problems.add(new ConfigException(c.where(k) + ": only with " + key(c, "broker")
                        + " (without it, the sensor logs in to the station's broker as the station does, with mqtt.*)"));
            }
        }
        if (!own) {
            return;
        }
        String broker = c.text("broker");
        for (String k : List.of("tls.ca_file", "tls.client_keystore")) {
            if (c.has(k) && !broker.startsWith("ssl://")) {
                problems.add(new ConfigException(c.where(k) + ": only with an ssl:// broker (" + key(c, "broker")
                        + " is " + broker + ")"));
            }
        }
        if (c.has("password_file") && c.has("password_env")) {
            problems.add(new ConfigException(c.where("password_env") + ": give " + key(c, "password_file") + " or "
                    + key(c, "password_env") + ", not both"));
        }
        for (String k : FILE_KEYS) {
            if (c.has(k)) {
                Path p = c.path(k);
                if (!Files.isReadable(p)) {
                    problems.add(new ConfigException(c.where(k) + " = '" + c.text(k) + "': not a readable file ("
                            + p + ")"));
                }
            }
        }
        if (c.has("tls.client_keystore") && !c.has("tls.client_keystore_password_file")) {
            problems.add(new ConfigException(c.where("tls.client_keystore_password_file")
                    + " is missing (the client keystore's password)"));
        }
    }

    /** The quantity of channel {@code name}: its {@code .quantity}, or the one it is named after. */
    private static Optional<Quantity> quantity(SensorConfig c, String name) {
        Optional<String> given = c.value(ChannelKey.of(name, "quantity"));
        if (given.isPresent()) {
            return Optional.ofNullable(SettingKind.quantityNamed(given.get()));
        }
        return Quantity.byChannelName(name);
    }

    /** The unit of channel {@code name}: its {@code .unit} if it fits the quantity, else empty; the station's when none is given. */
    private static Optional<PayloadUnit> unit(SensorConfig c, String name, Quantity q) {
        Optional<String> given = c.value(ChannelKey.of(name, "unit"));
        if (given.isEmpty()) {
            return Optional.of(PayloadUnit.stationUnit(q));
        }
        return PayloadUnit.named(given.get()).filter(u -> u.fits(q));
    }

    private static String key(SensorConfig c, String key) {
        return "sensor." + c.id() + "." + key;
    }
}
