package io.nowcast.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message's bytes against docs/updates.md's table, read back by hand and checked with openssl. */
class UpdateMessageTest {
    @Test
    void layoutIsTheDocumentedOne(@TempDir Path dir) throws Exception {
        SigningKey key = SigningKey.read(SigningKeyTest.rfcKeyFile(dir));
        byte[] model = "not parsed here".getBytes(StandardCharsets.US_ASCII); // 15 bytes
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        byte[] m = UpdateMessage.encode("st-1", 0x0102030405060708L, at, key, model);
        assertEquals(92 + 4 + 15 + 64, m.length);
        assertEquals("4e435531" + "0100" + "0400" + "0807060504030201", HexFormat.of().formatHex(m, 0, 16));
        // 2026-01-02T03:04:05.678Z = 1767323045678 ms; little-endian bytes from Python: (1767323045678).to_bytes(8, "little")
        assertEquals(1767323045678L, at.toEpochMilli());
        assertEquals("2e8fa97c9b010000", HexFormat.of().formatHex(m, 16, 24));
        assertArrayEquals(key.keyId(), Arrays.copyOfRange(m, 24, 56));
        Path modelFile = Files.write(dir.resolve("model"), model);
        String sha = SigningKeyTest.run(dir, "openssl", "dgst", "-sha256", "-r", modelFile.toString()).split(" ")[0];
        assertEquals(sha, HexFormat.of().formatHex(m, 56, 88));
        assertEquals("0f000000", HexFormat.of().formatHex(m, 88, 92));
        assertEquals("st-1", new String(m, 92, 4, StandardCharsets.US_ASCII));
        assertArrayEquals(model, Arrays.copyOfRange(m, 96, 111));
        Path signed = Files.write(dir.resolve("signed"), Arrays.copyOf(m, 111));
        Path sig = Files.write(dir.resolve("sig"), Arrays.copyOfRange(m, 111, 175));
        Path pub = Files.writeString(dir.resolve("rfc.pub"), Files.readString(dir.resolve("rfc.key"))
                .substring(Files.readString(dir.resolve("rfc.key")).indexOf("-----BEGIN PUBLIC")));
        String verified = SigningKeyTest.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(),
                "-rawin", "-in", signed.toString(), "-sigfile", sig.toString());
        assertTrue(verified.contains("Signature Verified Successfully"), verified);
        assertEquals(0x0102030405060708L, UpdateMessage.versionOf(m));
        assertEquals(-1, UpdateMessage.versionOf("online".getBytes(StandardCharsets.US_ASCII)));
    }
}
