package io.nowcast.runtime.station.mqtt;

import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import org.tinylog.Logger;

/**
 * The file of messages the publisher gave up on ({@code <data_dir>/dead-letter.jsonl}): one JSON
 * object a line, appended and forced to disk before the message leaves the outbox, so that a
 * message given up on is moved, never lost. Each line:
 * <pre>
 * {"time":"2026-11-28T12:00:03.120Z","topic":"nowcast/garden/forecast","seq":12,"outbox_index":345,
 *  "attempts":5,"reason":"connection lost: Connection reset","payload":"{\"station\":\"garden\",…}"}
 * </pre>
 * {@code payload} is the message as text; a payload that is not UTF-8 is kept as
 * {@code payload_base64} instead. The file only grows; an operator reads it, publishes again what
 * should go ({@code mosquitto_pub -t TOPIC -m PAYLOAD}) and deletes it.
 */
final class DeadLetters {
    private final Path file;

    /** @param file where to append; null: lines go to the log only (no data directory, e.g. tests) */
    DeadLetters(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Appends the entry and forces the file (and, when the file is new, its directory) to disk. */
    void add(OutboxEntry e, int attempts, String reason, Instant at) throws IOException {
        byte[] line = line(e, attempts, reason, at);
        if (file == null) {
            Logger.warn("MQTT: given up on (no dead-letter file): {}", new String(line, StandardCharsets.UTF_8).strip());
            return;
        }
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        if (created && file.getParent() != null) {
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    static byte[] line(OutboxEntry e, int attempts, String reason, Instant at) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("time").value(at.toString())
                .name("topic").value(e.topic())
                .name("seq").value(e.seq())
                .name("outbox_index").value(e.index())
                .name("attempts").value(attempts)
                .name("reason").value(reason);
        String text = utf8(e.payload());
        if (text != null) {
            w.name("payload").value(text);
        } else {
            w.name("payload_base64").value(Base64.getEncoder().encodeToString(e.payload()));
        }
        String json = w.endObject().toString();
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The payload as text, or null when it is not well-formed UTF-8. */
    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
