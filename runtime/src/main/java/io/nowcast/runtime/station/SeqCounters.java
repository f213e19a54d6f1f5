package io.nowcast.runtime.station;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * The {@code seq} of each stream (observation, forecast) and the stream's {@code epoch}, kept across
 * restarts so that subscribers see each seq grow by exactly one, and tell a new stream (a wiped
 * data directory) from a repeat by its epoch.
 *
 * <p><b>The file</b> {@code seq} is two fixed-size text slots of {@value #SLOT} bytes, each a line
 * <pre>
 *   seq-v2 gen=0000000000000000042 epoch=2026-11-28T11:58:03Z observation=0000000000000004711 forecast=0000000000000001234 crc=1a2b3c4d
 * </pre>
 * padded with spaces; {@code crc} is the CRC-32C of the line before " crc=". A save overwrites the
 * older slot in place and forces it ({@code gen} + 1), so that it needs no new disk block: it
 * goes on working on a full file system, and a save cut short by a crash leaves the other slot.
 * {@link #open} takes the valid slot with the highest {@code gen}. Version 1 files (lines
 * {@code observation=N}, {@code forecast=M}) are read and rewritten in this form.
 *
 * <p><b>Order.</b> A message gets its seq ({@link #takeObservation}) before it is stored; the
 * file is saved after. A crash in between leaves the file one behind; {@link #open} then takes the
 * number from the outbox, which still holds the message (the segment being appended to is never
 * deleted). A message that could not enter the outbox (kept in memory) may be published only once
 * a save has recorded its seq ({@link #durableObservation}): a station restarted after a crash
 * therefore never gives a published seq to another message.
 *
 * <p><b>The epoch</b> is the time the stream started (UTC, whole seconds): when there is no file,
 * or neither slot is valid, a new stream starts, with a new epoch, at the seqs the outbox allows.
 */
final class SeqCounters implements AutoCloseable {
    static final int SLOT = 160;
    /** A larger file is not a seq file: it is not read whole. */
    private static final long MAX_FILE_BYTES = 4096;
    private static final Pattern LINE = Pattern.compile(
            "seq-v2 gen=([0-9]{19}) epoch=(\\S{20}) observation=([0-9]{19}) forecast=([0-9]{19}) crc=([0-9a-f]{8}) *\n");

    private final Path file;
    private final String epoch;
    private FileChannel channel;
    private long gen;
    private long nextObservation;
    private long nextForecast;
    private long durableObservation;
    private long durableForecast;

    private SeqCounters(Path file, String epoch) {
        this.file = file;
        this.epoch = epoch;
    }

    /** What a seq file says, or null when it has no valid slot. */
    record Saved(long gen, String epoch, long nextObservation, long nextForecast) {
    }

    /**
     * @param lastInOutbox the last seq per topic still in the outbox
     * @param now          the epoch of a new stream, when one starts
     */
    static SeqCounters open(Path file, String observationTopic, String forecastTopic, Map<String, Long> lastInOutbox,
            Instant now) throws IOException {
        Saved saved = read(file);
        boolean fresh = saved == null || saved.epoch() == null;
        String epoch = fresh ? epochOf(now) : saved.epoch();
        if (saved == null && Files.exists(file)) {
            Logger.warn("{}: damaged; a new stream of seqs starts (epoch {}), after the last seq in the outbox", file, epoch);
        }
        SeqCounters s = new SeqCounters(file, epoch);
        s.gen = saved == null ? 0 : saved.gen();
        s.nextObservation = Math.max(saved == null ? 0 : saved.nextObservation(),
                lastInOutbox.getOrDefault(observationTopic, -1L) + 1);
        s.nextForecast = Math.max(saved == null ? 0 : saved.nextForecast(), lastInOutbox.getOrDefault(forecastTopic, -1L) + 1);
        if (saved == null || saved.gen() < 0 || fresh) {
            s.create();
        }
        s.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!fresh && (s.nextObservation > saved.nextObservation() || s.nextForecast > saved.nextForecast())) {
            try {
                s.save(); // the file was behind the outbox: record what the outbox says before anything is published
            } catch (IOException e) {
                s.channel.close();
                throw e;
            }
        }
        s.durableObservation = s.nextObservation;
        s.durableForecast = s.nextForecast;
        return s;
    }

    /** A stream epoch as written in payloads: ISO-8601 UTC, whole seconds ({@code 2026-11-28T11:58:03Z}). */
    static String epochOf(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The file's content: the valid slot with the highest gen; a version 1 file as gen −1 without an
     * epoch; null when there is no file or no valid slot.
     */
    static Saved read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            Logger.warn("{}: {} bytes, larger than a seq file can be; not read", file, size);
            return null;
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("seq-v2")) {
            return readVersion1(text);
        }
        Saved best = null;
        for (int at = 0; at + SLOT <= text.length(); at += SLOT) {
            String slot = text.substring(at, at + SLOT);
            Matcher m = LINE.matcher(slot);
            if (!m.matches()) {
                continue;
            }
            String body = slot.substring(0, slot.indexOf(" crc="));
            if (!String.format("%08x", crc(body)).equals(m.group(5))) {
                continue;
            }
            Saved s = new Saved(Long.parseLong(m.group(1)), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
            if (best == null || s.gen() > best.gen()) {
                best = s;
            }
        }
        return best;
    }

    private static Saved readVersion1(String text) {
        long observation = -1;
        long forecast = -1;
        for (String line : text.split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[1].strip().matches("[0-9]{1,18}")) {
                if (kv[0].strip().equals("observation")) {
                    observation = Long.parseLong(kv[1].strip());
                } else if (kv[0].strip().equals("forecast")) {
                    forecast = Long.parseLong(kv[1].strip());
                }
            }
        }
        return observation < 0 || forecast < 0 ? null : new Saved(-1, null, observation, forecast);
    }

    /** Writes a new file with both slots (replacing it atomically), so that saves overwrite in place. */
    private void create() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        gen++;
        ByteBuffer both = ByteBuffer.allocate(2 * SLOT);
        both.put(slot(gen, nextObservation, nextForecast));
        both.put(slot(gen, nextObservation, nextForecast));
        both.flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (both.hasRemaining()) {
                ch.write(both);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ByteBuffer slot(long g, long observation, long forecast) {
        String body = String.format(Locale.ROOT, "seq-v2 gen=%019d epoch=%s observation=%019d forecast=%019d", g, epoch,
                observation, forecast);
        StringBuilder line = new StringBuilder(SLOT).append(body).append(String.format(" crc=%08x", crc(body)));
        while (line.length() < SLOT - 1) {
            line.append(' ');
        }
        line.append('\n');
        return ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int crc(String body) {
        CRC32C c = new CRC32C();
        c.update(body.getBytes(StandardCharsets.ISO_8859_1));
        return (int) c.getValue();
    }

    /** The time this stream of seqs started, as payloads carry it. */
    String epoch() {
        return epoch;
    }

    long nextObservation() {
        return nextObservation;
    }

    long nextForecast() {
        return nextForecast;
    }

    /** The seq of a new observation; it is this message's alone, whether or not it is stored. */
    long takeObservation() {
        return nextObservation++;
    }

    /** The seq of a new forecast; it is this message's alone, whether or not it is stored. */
    long takeForecast() {
        return nextForecast++;
    }

    /** Observations with a seq below this are recorded in the file (or the outbox held them at start). */
    long durableObservation() {
        return durableObservation;
    }

    /** Forecasts with a seq below this are recorded in the file (or the outbox held them at start). */
    long durableForecast() {
        return durableForecast;
    }

    /** True when every seq handed out is recorded. */
    boolean saved() {
        return durableObservation == nextObservation && durableForecast == nextForecast;
    }

    /** Records the next seqs in the older slot, in place, and forces it. */
    void save() throws IOException {
        long g = gen + 1;
        ByteBuffer b = slot(g, nextObservation, nextForecast);
        long position = (g % 2) * SLOT;
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
        channel.force(false);
        gen = g;
        durableObservation = nextObservation;
        durableForecast = nextForecast;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
