package io.nowcast.sensors.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key of the {@code channel.<name>} family of an mqtt sensor: {@code channel.<name>} (where the
 * value is), {@code channel.<name>.unit}, {@code .quantity} or {@code .total}. A name here holds
 * letters, digits, {@code _} and {@code -} (no dot, which separates the part).
 *
 * @param name the channel's name
 * @param part {@code ""}, {@code unit}, {@code quantity} or {@code total}
 */
record ChannelKey(String name, String part) {
    static final String PREFIX = "channel.";
    private static final Pattern KEY = Pattern.compile("channel\\.([A-Za-z][A-Za-z0-9_-]*)(?:\\.(unit|quantity|total))?");

    /** The key written {@code key}, if it is one of the family. */
    static Optional<ChannelKey> parse(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() ? Optional.of(new ChannelKey(m.group(1), m.group(2) == null ? "" : m.group(2))) : Optional.empty();
    }

    /** {@code channel.<name>} or {@code channel.<name>.<part>}. */
    static String of(String name, String part) {
        return PREFIX + name + (part.isEmpty() ? "" : "." + part);
    }
}
