package io.nowcast.trainer.publish;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An Ed25519 key pair (RFC 8032) that signs model updates, with the JDK's own EdDSA (Java 15+).
 *
 * <p>Files, both PEM ({@link Pem}):
 * <ul>
 * <li>{@code NAME.key}: the private key ({@code PRIVATE KEY}, PKCS#8 DER) followed by its public key
 *     ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo DER), mode 0600: the JDK cannot derive an
 *     Ed25519 public key from a private one, and the signer needs the public key's id;</li>
 * <li>{@code NAME.pub}: the public key alone, for the station ({@code model.update.public_key}).</li>
 * </ul>
 * The key id is the SHA-256 of the public key's X.509 DER (the decoded body of the {@code .pub} file).
 */
public final class SigningKey {
    private static final String ALGORITHM = "Ed25519";
    /** Key algorithms tried on a file that is not Ed25519, to name what it is. */
    private static final List<String> OTHER_ALGORITHMS = List.of("Ed448", "EC", "RSA", "DSA", "X25519", "X448");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] keyId; // [32]

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = sha256(publicKey.getEncoded());
    }

    /** A new key pair from the JDK's strong random source. */
    public static SigningKey generate() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        return new SigningKey(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Writes {@code dir/name.key} (mode 0600 from its creation) and {@code dir/name.pub}; refuses to
     * replace either.
     *
     * @return the two files, private first
     * @throws FileAlreadyExistsException naming the file that is there already (nothing is written)
     */
    public Path[] write(Path dir, String name) throws IOException {
        Path key = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        for (Path p : new Path[] {key, pub}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null, "refusing to overwrite a key");
            }
        }
        Files.createDirectories(dir);
        FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>> ownerOnly = PosixFilePermissions
                .asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        Files.createFile(key, ownerOnly); // fails if it appeared meanwhile
        try (Writer w = Files.newBufferedWriter(key, StandardCharsets.US_ASCII, StandardOpenOption.WRITE)) {
            w.write(Pem.block("PRIVATE KEY", privateKey.getEncoded()));
            w.write(Pem.block("PUBLIC KEY", publicKey.getEncoded()));
        }
        Files.writeString(pub, Pem.block("PUBLIC KEY", publicKey.getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW);
        return new Path[] {key, pub};
    }

    /**
     * Reads a {@code .key} file written by {@link #write}.
     *
     * @throws IOException one line naming the file and what is wrong with it (absent, not PEM, not an
     *                     Ed25519 key, no public key, a public key of another pair)
     */
    public static SigningKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = Pem.read(text, "PRIVATE KEY", file);
        PrivateKey priv;
        try {
            priv = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        } catch (InvalidKeySpecException e) {
            throw new IOException(file + ": " + otherKind(privateDer) + ", not an Ed25519 private key (make one with "
                    + "'nowcast-train keygen')");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": this JDK has no Ed25519: " + e.getMessage());
        }
        if (!text.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IOException(file + ": no PUBLIC KEY block after the private key (keygen writes both; for a key "
                    + "made with openssl: openssl pkey -in " + file + " -pubout >> " + file + ")");
        }
        PublicKey pub;
        try {
            pub = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Pem.read(text, "PUBLIC KEY",
                    file)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": the PUBLIC KEY block is not an Ed25519 public key");
        }
        SigningKey k = new SigningKey(priv, pub);
        if (!k.verify(k.sign(file.toString().getBytes(StandardCharsets.UTF_8)), file.toString()
                .getBytes(StandardCharsets.UTF_8))) {
            throw new IOException(file + ": the PUBLIC KEY block is not the public key of this private key");
        }
        return k;
    }

    /** What a PKCS#8 body that is not Ed25519 holds, as far as the JDK can tell. */
    private static String otherKind(byte[] der) {
        for (String a : OTHER_ALGORITHMS) {
            try {
                KeyFactory.getInstance(a).generatePrivate(new PKCS8EncodedKeySpec(der));
                return "an " + a + " private key";
            } catch (GeneralSecurityException e) {
                // not this one either
            }
        }
        return "a PRIVATE KEY block the JDK cannot read";
    }

    /** The Ed25519 signature (64 bytes) of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing with a key the JDK read itself failed", e);
        }
    }

    private boolean verify(byte[] signature, byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** SHA-256 of the public key's X.509 DER, [32]. */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** The key id's first 8 bytes in hex: how messages and the station name a key. */
    public String shortId() {
        return HexFormat.of().formatHex(keyId, 0, 8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
