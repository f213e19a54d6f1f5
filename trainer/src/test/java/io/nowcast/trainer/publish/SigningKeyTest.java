package io.nowcast.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    // RFC 8032 section 7.1, TEST 1: the secret key (seed), its public key, and the signature of the empty message.
    private static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    // DER prefixes of an Ed25519 key (RFC 8410 section 10.3 examples): PKCS#8 v1 and SubjectPublicKeyInfo.
    private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";
    private static final String SPKI_PREFIX = "302a300506032b6570032100";

    @Test
    void signsAsRfc8032Says(@TempDir Path dir) throws Exception {
        Path key = rfcKeyFile(dir);
        SigningKey k = SigningKey.read(key);
        assertEquals(RFC_SIGNATURE, HexFormat.of().formatHex(k.sign(new byte[0])));
        // key id: SHA-256 of the SubjectPublicKeyInfo DER, here computed by openssl from the bytes alone
        byte[] spki = HexFormat.of().parseHex(SPKI_PREFIX + RFC_PUBLIC);
        Path der = Files.write(dir.resolve("spki.der"), spki);
        String opensslSha = run(dir, "openssl", "dgst", "-sha256", "-r", der.toString()).split(" ")[0];
        assertEquals(opensslSha, HexFormat.of().formatHex(k.keyId()));
    }

    @Test
    void keygenWritesAPairOpensslReadsWithAPrivateFileOnlyTheOwnerReads(@TempDir Path dir) throws Exception {
        SigningKey k = SigningKey.generate();
        Path[] files = k.write(dir.resolve("keys"), "station");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files[0])));
        byte[] data = "a model".getBytes(StandardCharsets.UTF_8);
        Path in = Files.write(dir.resolve("data"), data);
        Path sig = Files.write(dir.resolve("sig"), k.sign(data));
        String verified = run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", files[1].toString(), "-rawin",
                "-in", in.toString(), "-sigfile", sig.toString());
        assertTrue(verified.contains("Signature Verified Successfully"), verified);
        // openssl derives the same public key from the private key file as keygen wrote to .pub
        assertEquals(Files.readString(files[1]), run(dir, "openssl", "pkey", "-in", files[0].toString(), "-pubout"));
        assertArrayEquals(k.keyId(), SigningKey.read(files[0]).keyId());
    }

    @Test
    void refusesToOverwriteAKey(@TempDir Path dir) throws Exception {
        SigningKey.generate().write(dir, "k");
        String before = Files.readString(dir.resolve("k.key"));
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> SigningKey.generate().write(dir, "k"));
        assertTrue(e.getMessage().contains("k.key"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("k.key")));
    }

    @Test
    void namesTheKindOfAKeyThatIsNotEd25519(@TempDir Path dir) throws Exception {
        byte[] ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded();
        Path f = Files.writeString(dir.resolve("ec.key"), Pem.block("PRIVATE KEY", ec));
        IOException e = assertThrows(IOException.class, () -> SigningKey.read(f));
        assertEquals(f + ": an EC private key, not an Ed25519 private key (make one with 'nowcast-train keygen')",
                e.getMessage());
    }

    @Test
    void refusesAPublicKeyOfAnotherPair(@TempDir Path dir) throws Exception {
        String text = Files.readString(rfcKeyFile(dir));
        String other = Pem.block("PUBLIC KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()
                .getEncoded());
        Path f = Files.writeString(dir.resolve("mixed.key"), text.substring(0, text.indexOf("-----BEGIN PUBLIC")) + other);
        IOException e = assertThrows(IOException.class, () -> SigningKey.read(f));
        assertTrue(e.getMessage().endsWith("the PUBLIC KEY block is not the public key of this private key"),
                e.getMessage());
    }

    @Test
    void explainsHowToAddThePublicKeyToAnOpensslKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("openssl.key");
        run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", f.toString());
        IOException e = assertThrows(IOException.class, () -> SigningKey.read(f));
        assertTrue(e.getMessage().contains("openssl pkey -in " + f + " -pubout >> " + f), e.getMessage());
        Files.writeString(f, run(dir, "openssl", "pkey", "-in", f.toString(), "-pubout"),
                java.nio.file.StandardOpenOption.APPEND);
        SigningKey.read(f); // now usable
    }

    /** The RFC 8032 TEST 1 key as keygen would write it. */
    static Path rfcKeyFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("rfc.key"),
                Pem.block("PRIVATE KEY", HexFormat.of().parseHex(PKCS8_PREFIX + RFC_SEED))
                        + Pem.block("PUBLIC KEY", HexFormat.of().parseHex(SPKI_PREFIX + RFC_PUBLIC)));
    }

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
