package io.nowcast.sensors.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of a {@code channels} setting: which of the source's channels to keep and the name
 * readings give it. Written {@code source} or {@code source:name}, entries separated by commas,
 * e.g. {@code temperature, humidity:indoor_humidity}.
 *
 * @param source the source's own channel name (a quantity's name, or a CSV column)
 * @param name   the name readings carry
 */
public record ChannelChoice(String source, String name) {
    private static final String NAME = "[A-Za-z][A-Za-z0-9_.-]*";

    /** Parses a whole {@code channels} value; names must be unique. */
    public static List<ChannelChoice> parseList(String value) {
        List<ChannelChoice> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> sources = new HashSet<>();
        for (String part : value.split(",", -1)) {
            String entry = part.trim();
            String[] pieces = entry.split(":", -1);
            if (pieces.length > 2 || entry.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' is not a channel (write source or source:name)");
            }
            String source = pieces[0].trim();
            String name = pieces.length == 2 ? pieces[1].trim() : source;
            if (!source.matches(NAME) || !name.matches(NAME)) {
                throw new IllegalArgumentException("'" + entry + "' is not a channel (letters, digits, _ . -; write source or source:name)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("channel name '" + name + "' appears twice");
            }
            if (!sources.add(source)) {
                throw new IllegalArgumentException("channel '" + source + "' is selected twice");
            }
            out.add(new ChannelChoice(source, name));
        }
        return out;
    }
}
