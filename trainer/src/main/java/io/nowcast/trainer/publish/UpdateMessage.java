package io.nowcast.trainer.publish;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The payload of {@code nowcast/<id>/model/update}, format 1 (docs/updates.md, "The message"); all
 * integers little-endian, as in a {@code .ncm} file:
 *
 * <pre>
 * offset    bytes  field
 * 0         4      magic "NCU1" (4E 43 55 31)
 * 4         2      u16 format = 1
 * 6         2      u16 n, the station id's length, 1..64
 * 8         8      u64 model version, 1..2^63-1
 * 16        8      i64 signed at, Unix time in milliseconds (for logs)
 * 24        32     key id: SHA-256 of the signer's public key (X.509 DER)
 * 56        32     SHA-256 of the model file
 * 88        4      u32 L, the model file's length, 1..MAX_MODEL_BYTES
 * 92        n      station id, ASCII
 * 92+n      L      the .ncm file, byte for byte
 * 92+n+L    64     Ed25519 signature of bytes [0, 92+n+L)
 * </pre>
 */
public final class UpdateMessage {
    public static final byte[] MAGIC = {'N', 'C', 'U', '1'};
    public static final int FORMAT = 1;
    /** Bytes before the station id. */
    public static final int HEADER_BYTES = 92;
    public static final int SIGNATURE_BYTES = 64;
    /** The format's bound on a model file: 64 MiB (a station's own bound, model.update.max_bytes, is lower). */
    public static final int MAX_MODEL_BYTES = 64 * 1024 * 1024;

    private UpdateMessage() {
    }

    /** The topic a station takes its updates from. */
    public static String topic(String stationId) {
        return "nowcast/" + stationId + "/model/update";
    }

    /**
     * The signed message.
     *
     * @param stationId 1..64 characters of A-Z a-z 0-9 - _ (checked by the caller)
     * @param version   greater than 0
     * @param model     the .ncm file's bytes, 1..{@link #MAX_MODEL_BYTES}
     */
    public static byte[] encode(String stationId, long version, Instant signedAt, SigningKey key, byte[] model) {
        if (version < 1) {
            throw new IllegalArgumentException("model version " + version + " must be at least 1");
        }
        if (model.length < 1 || model.length > MAX_MODEL_BYTES) {
            throw new IllegalArgumentException("a model of " + model.length + " bytes; an update carries 1.."
                    + MAX_MODEL_BYTES);
        }
        byte[] id = stationId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + id.length + model.length + SIGNATURE_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) FORMAT).putShort((short) id.length).putLong(version)
                .putLong(signedAt.toEpochMilli()).put(key.keyId()).put(SigningKey.sha256(model)).putInt(model.length)
                .put(id).put(model);
        byte[] signature = key.sign(java.util.Arrays.copyOf(b.array(), b.position()));
        b.put(signature);
        return b.array();
    }

    /**
     * The model version of a message in this format, or -1 when {@code payload} is not one (a
     * retained message the publisher reads to keep versions going up; its signature is the
     * station's to check).
     */
    public static long versionOf(byte[] payload) {
        if (payload.length < HEADER_BYTES) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < MAGIC.length; k++) {
            if (b.get(k) != MAGIC[k]) {
                return -1;
            }
        }
        return b.getShort(4) == FORMAT ? b.getLong(8) : -1;
    }
}
