package io.nowcast.sensors.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration file in Java-properties style, read with line numbers: one {@code key = value}
 * per line, {@code #} or {@code !} starts a comment line, blank lines are ignored, the value is
 * everything after the first {@code =} with surrounding spaces removed. No continuation lines, no
 * escapes: what is written is what is meant. A key given twice is an error.
 *
 * <p>The one reader of a station's file: {@code nowcast run} ({@code StationConfig}) and
 * {@code nowcast sensors} read it through here, and {@link SensorConfig#readAll} takes its
 * {@code sensor.*} entries, so that every message names the file and the line.
 */
public final class ConfigFile {
    /** One {@code key = value} line. */
    public record Entry(String key, String value, int line) {
    }

    private final Path path;
    private final Map<String, Entry> entries; // in file order

    private ConfigFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /**
     * @throws ConfigException when the file is absent or unreadable, or holding every line that
     *                         is not {@code key = value} and every key given twice
     */
    public static ConfigFile read(Path path) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        ConfigFile file = read(path, problems);
        problems.throwIfAny();
        return file;
    }

    /**
     * Reads {@code path}, recording each line that is not {@code key = value} and each key given
     * twice in {@code problems} and going on without it (the first of two equal keys stands).
     *
     * @throws ConfigException when the file is absent or unreadable
     */
    public static ConfigFile read(Path path, ConfigProblems problems) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigException(path + ":" + number + ": expected 'key = value', found '"
                        + abbreviate(line) + "'"));
                continue;
            }
            String key = line.substring(0, eq).strip();
            Entry previous = entries.putIfAbsent(key, new Entry(key, line.substring(eq + 1).strip(), number));
            if (previous != null) {
                problems.add(new ConfigException(path + ":" + number + ": " + key + " is already set on line "
                        + previous.line()));
            }
        }
        return new ConfigFile(path, entries);
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    public Path path() {
        return path;
    }

    /** Every entry, in file order. */
    public Iterable<Entry> entries() {
        return entries.values();
    }

    /** The entry for key, or null. */
    public Entry get(String key) {
        return entries.get(key);
    }

    /** "FILE:LINE: key" for messages about an entry. */
    public String where(Entry e) {
        return path + ":" + e.line() + ": " + e.key();
    }
}
