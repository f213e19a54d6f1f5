package io.nowcast.runtime.station;

import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.sensors.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Home Assistant MQTT discovery: one {@code sensor} per observed channel and per forecast output,
 * all of one device (the station), configured by retained messages on
 * {@code <prefix>/sensor/nowcast_<station>/<object>/config}. Each reads its value from the
 * observation or forecast payload by position, is available while the station's status is
 * {@code online}, and expires when no new value has come for {@code expireAfterSeconds}.
 * Schema of the config: the Home Assistant "MQTT Sensor" documentation
 * (https://www.home-assistant.io/integrations/sensor.mqtt/).
 */
public final class HomeAssistantDiscovery {
    private HomeAssistantDiscovery() {
    }

    /**
     * The configs for every channel and output.
     *
     * @throws ConfigException (one line) when the prefix, a channel's name or an output's name cannot
     *                         be part of an MQTT topic
     */
    public static List<RetainedMessage> configs(String prefix, StationTopics topics, List<Channel> channels,
            ModelInfo model, long expireAfterSeconds) throws ConfigException {
        checkTopicNames(prefix, channels, model);
        String station = topics.stationId();
        String device = "nowcast_" + station;
        List<RetainedMessage> configs = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            Channel ch = channels.get(c);
            configs.add(config(prefix, device, station, "obs_" + ch.name(), title(ch.name()), topics.observation(),
                    "{{ value_json.channels[" + c + "].value }}", ch.name(), ch.unit(), topics, expireAfterSeconds));
        }
        List<OutputSpec> outputs = model.model().outputs();
        for (int k = 0; k < outputs.size(); k++) {
            OutputSpec o = outputs.get(k);
            String horizon = horizonWord(o.horizonSeconds());
            configs.add(config(prefix, device, station, "fc_" + o.name() + "_" + horizon,
                    "Forecast " + title(o.name()) + " +" + horizon,
                    topics.forecast(), "{{ value_json.outputs[" + k + "].value }}", o.name(), o.unit(), topics,
                    expireAfterSeconds));
        }
        return configs;
    }

    /**
     * Refuses, with one line naming the key, the channel or the output, a name that would make the
     * discovery topics {@code <prefix>/sensor/nowcast_<station>/<object>/config} or Home Assistant's
     * status topic {@code <prefix>/status} unusable: MQTT forbids the wildcards {@code +} and
     * {@code #} and NUL in a topic name (MQTT 3.1.1, sections 4.7.1 and 4.7.3), and an object id must
     * be one topic level, without {@code /}.
     */
    static void checkTopicNames(String prefix, List<Channel> channels, ModelInfo model) throws ConfigException {
        String bad = forbidden(prefix, false);
        if (prefix.isEmpty() || bad != null) {
            throw new ConfigException("homeassistant.prefix = '" + printable(prefix) + "': "
                    + (prefix.isEmpty() ? "empty" : "holds " + bad) + "; allowed: a topic without '+', '#' or NUL");
        }
        for (Channel ch : channels) {
            bad = forbidden(ch.name(), true);
            if (bad != null) {
                throw new ConfigException("channel '" + printable(ch.name()) + "' holds " + bad
                        + ", which cannot be in a Home Assistant discovery topic; rename the channel (sensor.<id>.channels) "
                        + "or set homeassistant.discovery = false");
            }
        }
        for (OutputSpec o : model.model().outputs()) {
            bad = forbidden(o.name(), true);
            if (bad != null) {
                throw new ConfigException(model.name() + ": output '" + printable(o.name()) + "' holds " + bad
                        + ", which cannot be in a Home Assistant discovery topic; rename the output when training "
                        + "or set homeassistant.discovery = false");
            }
        }
    }

    /** The first character MQTT does not allow in this part of a topic name, quoted, or null. */
    private static String forbidden(String part, boolean oneLevel) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+' || c == '#' || (oneLevel && c == '/')) {
                return "'" + c + "'";
            }
            if (c == 0) {
                return "NUL";
            }
        }
        return null;
    }

    /** The name with control characters (NUL, line breaks) written as \\uXXXX, so that the message stays one line. */
    private static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static RetainedMessage config(String prefix, String device, String station, String object, String name,
            String stateTopic, String template, String quantity, String unit, StationTopics topics, long expireAfter) {
        String haUnit = unit(unit);
        String deviceClass = deviceClass(quantity, haUnit);
        JsonWriter w = new JsonWriter().beginObject()
                .name("name").value(name)
                .name("unique_id").value(device + "_" + object)
                .name("object_id").value(device + "_" + object)
                .name("state_topic").value(stateTopic)
                .name("value_template").value(template);
        if (!haUnit.isEmpty()) {
            w.name("unit_of_measurement").value(haUnit);
        }
        if (deviceClass != null) {
            w.name("device_class").value(deviceClass);
        }
        w.name("state_class").value("measurement")
                .name("availability_topic").value(topics.status())
                .name("payload_available").value(MqttPublisher.ONLINE)
                .name("payload_not_available").value(MqttPublisher.OFFLINE)
                .name("expire_after").value(expireAfter)
                .name("device").beginObject()
                .name("identifiers").beginArray().value(device).endArray()
                .name("name").value("Nowcast " + station)
                .name("manufacturer").value("Nowcast")
                .name("model").value("LSTM weather station")
                .endObject()
                .endObject();
        return new RetainedMessage(prefix + "/sensor/" + device + "/" + object + "/config", w.toBytes());
    }

    /** The spelling Home Assistant expects for common units; others pass unchanged. */
    static String unit(String unit) {
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "°c", "degc", "c", "celsius", "deg_c" -> "°C";
            case "°f", "degf", "f", "fahrenheit" -> "°F";
            case "%", "%rh", "rh", "percent" -> "%";
            case "hpa", "mbar" -> unit.trim().equalsIgnoreCase("mbar") ? "mbar" : "hPa";
            case "pa" -> "Pa";
            case "kpa" -> "kPa";
            case "lx", "lux" -> "lx";
            case "ppm" -> "ppm";
            default -> unit.trim();
        };
    }

    /**
     * Home Assistant's sensor device class for a quantity in a (normalized) unit, or null when none
     * fits (the sensor then shows as a plain number with its unit).
     */
    static String deviceClass(String quantity, String haUnit) {
        String q = quantity.toLowerCase(Locale.ROOT);
        return switch (haUnit) {
            case "°C", "°F", "K" -> "temperature";
            case "hPa", "Pa", "kPa", "mbar", "bar", "inHg", "mmHg" -> "atmospheric_pressure";
            case "lx" -> "illuminance";
            case "W/m²" -> "irradiance";
            case "mm/h" -> "precipitation_intensity";
            case "km/h", "m/s" -> "wind_speed";
            case "mm" -> q.contains("rain") || q.contains("precip") ? "precipitation" : null;
            case "ppm" -> q.contains("co2") ? "carbon_dioxide" : null;
            case "%" -> q.contains("humid") ? "humidity" : null;
            default -> null;
        };
    }

    /** A horizon as a word for ids and names: 3600 -> 1h, 1800 -> 30min, 90 -> 90s. */
    static String horizonWord(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "min" : seconds + "s";
    }

    private static String title(String name) {
        String spaced = name.replace('_', ' ');
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
