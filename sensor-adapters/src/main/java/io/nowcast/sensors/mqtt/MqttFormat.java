package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the messages of an mqtt sensor look like ({@code sensor.<id>.format}); docs/sensors.md has
 * each one's field table.
 */
public enum MqttFormat {
    /** rtl_433's JSON events ({@code rtl_433 -F mqtt}: {@code rtl_433/<host>/events}), one device's fields chosen by quantity. */
    RTL_433("rtl_433"),
    /** weewx-mqtt's aggregate loop packets ({@code <topic>/loop}), names with their unit label ({@code outTemp_F}). */
    WEEWX("weewx"),
    /** Any JSON object: {@code channel.<name> = field} (a dotted path into nested objects), with a unit. */
    JSON("json"),
    /** A bare number per topic, as ESPHome and Tasmota publish: {@code channel.<name> = topic}. */
    VALUE("value");

    private final String configName;

    MqttFormat(String configName) {
        this.configName = configName;
    }

    /** As written after {@code format =}. */
    public String configName() {
        return configName;
    }

    /**
     * The quantities a source of this format can deliver, chosen with {@code sensor.<id>.channels};
     * empty for {@link #JSON} and {@link #VALUE}, whose channels are configured one by one.
     */
    public List<Quantity> quantities() {
        return switch (this) {
            case RTL_433 -> Rtl433Decoder.quantities();
            case WEEWX -> WeewxDecoder.quantities();
            case JSON, VALUE -> List.of();
        };
    }

    /** True for the formats whose channels are {@code channel.<name> = ...} keys. */
    public boolean channelsConfigured() {
        return this == JSON || this == VALUE;
    }

    public static Optional<MqttFormat> byConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (MqttFormat f : values()) {
            if (f.configName.equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static String allConfigNames() {
        List<String> names = new ArrayList<>();
        for (MqttFormat f : values()) {
            names.add(f.configName);
        }
        return String.join(", ", names);
    }
}
