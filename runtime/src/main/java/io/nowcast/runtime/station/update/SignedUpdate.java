package io.nowcast.runtime.station.update;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One message of {@code nowcast/<id>/model/update}, format 1, decoded but not yet trusted: the
 * layout is docs/updates.md's (written by the trainer's {@code UpdateMessage}); integers
 * little-endian.
 *
 * <pre>
 * offset    bytes  field
 * 0         4      magic "NCU1"
 * 4         2      u16 format = 1
 * 6         2      u16 n, station id length, 1..64
 * 8         8      u64 model version, 1..2^63-1
 * 16        8      i64 signed at, Unix ms
 * 24        32     key id (SHA-256 of the public key's X.509 DER)
 * 56        32     SHA-256 of the model
 * 88        4      u32 L, model length
 * 92        n      station id (ASCII)
 * 92+n      L      model (.ncm)
 * 92+n+L    64     Ed25519 signature of bytes [0, 92+n+L)
 * </pre>
 *
 * @param signedLength bytes the signature covers: 92 + n + L
 */
public record SignedUpdate(String stationId, long version, Instant signedAt, byte[] keyId, byte[] modelSha256,
        byte[] model, byte[] signature, byte[] payload, int signedLength) {
    static final byte[] MAGIC = {'N', 'C', 'U', '1'};
    static final int FORMAT = 1;
    static final int HEADER_BYTES = 92;
    static final int SIGNATURE_BYTES = 64;
    static final int MAX_STATION_ID = 64;

    /**
     * Decodes {@code payload}, refusing what is larger than {@code maxModelBytes} allows before
     * looking further than the header.
     *
     * @throws UpdateRefused TOO_LARGE, MALFORMED or TRUNCATED
     */
    public static SignedUpdate decode(byte[] payload, int maxModelBytes) throws UpdateRefused {
        long largest = (long) HEADER_BYTES + MAX_STATION_ID + maxModelBytes + SIGNATURE_BYTES;
        if (payload.length > largest) {
            throw new UpdateRefused(Refusal.TOO_LARGE, "the message is " + payload.length + " bytes; with "
                    + "model.update.max_bytes = " + maxModelBytes + " at most " + largest + " are taken");
        }
        if (payload.length < 4 || !Arrays.equals(payload, 0, 4, MAGIC, 0, 4)) {
            throw new UpdateRefused(Refusal.MALFORMED, "not a model update: the first bytes are not \"NCU1\"");
        }
        if (payload.length < HEADER_BYTES) {
            throw new UpdateRefused(Refusal.TRUNCATED, "the message is " + payload.length + " bytes, shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int format = Short.toUnsignedInt(b.getShort(4));
        if (format != FORMAT) {
            throw new UpdateRefused(Refusal.MALFORMED, "update format " + format + "; this station reads format " + FORMAT);
        }
        int n = Short.toUnsignedInt(b.getShort(6));
        long version = b.getLong(8);
        long modelLength = Integer.toUnsignedLong(b.getInt(88));
        if (n < 1 || n > MAX_STATION_ID) {
            throw new UpdateRefused(Refusal.MALFORMED, "station id length " + n + ", allowed 1.." + MAX_STATION_ID);
        }
        if (version < 1) {
            throw new UpdateRefused(Refusal.MALFORMED, "model version " + Long.toUnsignedString(version)
                    + ", allowed 1.." + Long.MAX_VALUE);
        }
        if (modelLength > maxModelBytes) {
            throw new UpdateRefused(Refusal.TOO_LARGE, "the model is " + modelLength + " bytes; model.update.max_bytes "
                    + "is " + maxModelBytes);
        }
        if (modelLength < 1) {
            throw new UpdateRefused(Refusal.MALFORMED, "model length 0");
        }
        int signed = HEADER_BYTES + n + (int) modelLength;
        long expected = (long) signed + SIGNATURE_BYTES;
        if (payload.length < expected) {
            throw new UpdateRefused(Refusal.TRUNCATED, "the message is " + payload.length + " bytes; its header "
                    + "announces " + expected + " (a model of " + modelLength + " bytes): cut off on the way");
        }
        if (payload.length > expected) {
            throw new UpdateRefused(Refusal.MALFORMED, "the message is " + payload.length + " bytes; its header "
                    + "announces " + expected);
        }
        String id = new String(payload, HEADER_BYTES, n, StandardCharsets.US_ASCII);
        return new SignedUpdate(id, version, Instant.ofEpochMilli(b.getLong(16)), Arrays.copyOfRange(payload, 24, 56),
                Arrays.copyOfRange(payload, 56, 88), Arrays.copyOfRange(payload, HEADER_BYTES + n, signed),
                Arrays.copyOfRange(payload, signed, signed + SIGNATURE_BYTES), payload, signed);
    }

    /** The key id's first 8 bytes in hex, as keygen prints it. */
    public String shortKeyId() {
        return HexFormat.of().formatHex(keyId, 0, 8);
    }
}
