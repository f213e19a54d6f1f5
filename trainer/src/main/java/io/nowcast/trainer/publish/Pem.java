package io.nowcast.trainer.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468): a DER body in base64 between {@code -----BEGIN LABEL-----} and
 * {@code -----END LABEL-----}, 64 characters a line. The key files of {@code nowcast-train keygen}
 * are PEM, so that {@code openssl pkey} reads them as they are.
 */
final class Pem {
    private Pem() {
    }

    /** One block: the DER bytes under {@code label}, lines of 64 characters, a newline at the end. */
    static String block(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * The DER bytes of the first block labelled {@code label} in {@code text}.
     *
     * @param file names the file in messages
     * @throws IOException naming the file and the block it lacks
     */
    static byte[] read(String text, String label, Path file) throws IOException {
        Matcher m = Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]*)-----END " + label + "-----")
                .matcher(text);
        if (!m.find()) {
            throw new IOException(file + ": no '-----BEGIN " + label + "-----' block");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the " + label + " block is not base64: " + e.getMessage());
        }
    }
}
