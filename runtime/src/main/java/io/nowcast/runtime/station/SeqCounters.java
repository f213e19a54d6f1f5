package io.nowcast.runtime.station;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;

/**
 * The next {@code seq} of each stream (observation, forecast), kept across restarts so that
 * subscribers see each grow by exactly one. The file {@code seq} ({@code observation=N},
 * {@code forecast=M}) is replaced atomically after each message has entered the outbox. A crash
 * between the two leaves the file one behind; {@link #open} then takes the number from the outbox,
 * which still holds the message (the segment being appended to is never deleted).
 */
final class SeqCounters {
    private final Path file;
    private long nextObservation;
    private long nextForecast;

    private SeqCounters(Path file) {
        this.file = file;
    }

    /**
     * @param lastInOutbox the last seq per topic still in the outbox
     */
    static SeqCounters open(Path file, String observationTopic, String forecastTopic, Map<String, Long> lastInOutbox)
            throws IOException {
        SeqCounters s = new SeqCounters(file);
        if (Files.exists(file)) {
            Properties p = new Properties();
            p.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            s.nextObservation = parse(p, "observation", file);
            s.nextForecast = parse(p, "forecast", file);
        }
        s.nextObservation = Math.max(s.nextObservation, lastInOutbox.getOrDefault(observationTopic, -1L) + 1);
        s.nextForecast = Math.max(s.nextForecast, lastInOutbox.getOrDefault(forecastTopic, -1L) + 1);
        return s;
    }

    private static long parse(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key, "0").trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " is '" + v + "', not a number");
        }
    }

    long nextObservation() {
        return nextObservation;
    }

    long nextForecast() {
        return nextForecast;
    }

    /** Records that observation {@code seq} is in the outbox. */
    void observationStored(long seq) throws IOException {
        nextObservation = seq + 1;
        save();
    }

    /** Records that forecast {@code seq} is in the outbox. */
    void forecastStored(long seq) throws IOException {
        nextForecast = seq + 1;
        save();
    }

    private void save() throws IOException {
        byte[] text = ("observation=" + nextObservation + "\nforecast=" + nextForecast + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
