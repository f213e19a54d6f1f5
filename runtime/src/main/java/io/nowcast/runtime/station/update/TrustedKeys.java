package io.nowcast.runtime.station.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 public keys a station takes updates from ({@code model.update.public_key}), by key id:
 * the SHA-256 of the key's X.509 SubjectPublicKeyInfo DER, which is the body of a {@code .pub} file
 * ({@code -----BEGIN PUBLIC KEY-----}, as {@code nowcast-train keygen} and
 * {@code openssl pkey -pubout} write it).
 */
public final class TrustedKeys {
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]*)-----END PUBLIC KEY-----");
    /** A .pub file is a few lines; anything larger is not one. */
    private static final long MAX_FILE_BYTES = 16 * 1024;

    private final Map<String, PublicKey> byId; // hex key id -> key

    private TrustedKeys(Map<String, PublicKey> byId) {
        this.byId = byId;
    }

    /**
     * @throws IOException naming the file that is not a readable Ed25519 public key in PEM
     */
    public static TrustedKeys read(List<Path> files) throws IOException {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (Path f : files) {
            PublicKey k = readKey(f);
            byId.put(HexFormat.of().formatHex(sha256(k.getEncoded())), k);
        }
        return new TrustedKeys(byId);
    }

    private static PublicKey readKey(Path f) throws IOException {
        if (Files.size(f) > MAX_FILE_BYTES) {
            throw new IOException(f + ": " + Files.size(f) + " bytes, too large for a public key file");
        }
        Matcher m = PUBLIC_KEY.matcher(Files.readString(f, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(f + ": no '-----BEGIN PUBLIC KEY-----' block (the .pub file of nowcast-train keygen)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getMimeDecoder().decode(m.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(f + ": not an Ed25519 public key");
        }
    }

    /** Key ids, first 8 bytes in hex, in the order given. */
    public List<String> shortIds() {
        return byId.keySet().stream().map(id -> id.substring(0, 16)).toList();
    }

    /**
     * Checks the update's signature with the key it names.
     *
     * @throws UpdateRefused UNKNOWN_KEY or BAD_SIGNATURE
     */
    void verify(SignedUpdate u) throws UpdateRefused {
        PublicKey key = byId.get(HexFormat.of().formatHex(u.keyId()));
        if (key == null) {
            throw new UpdateRefused(Refusal.UNKNOWN_KEY, "signed with key " + u.shortKeyId()
                    + ", which is not among model.update.public_key " + shortIds());
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(u.payload(), 0, u.signedLength());
            ok = s.verify(u.signature());
        } catch (GeneralSecurityException e) {
            ok = false; // a signature that is not even well-formed
        }
        if (!ok) {
            throw new UpdateRefused(Refusal.BAD_SIGNATURE, "the signature does not verify with key " + u.shortKeyId()
                    + ": the message was changed after signing, or not signed with that key");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
