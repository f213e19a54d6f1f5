package io.nowcast.runtime.station;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throw-away PKI made with openssl for TLS tests: a CA, a broker certificate for localhost (or another host)
 * signed by it, and a client certificate in a PKCS#12 keystore.
 */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path clientKeystore, String keystorePassword) {

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        return create(dir, "localhost");
    }

    /** The same, with a broker certificate for {@code host} (and 127.0.0.1) instead of localhost. */
    public static TestCertificates create(Path dir, String host) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path san = dir.resolve("san.ext");
        Files.writeString(san, "subjectAltName=DNS:" + host + ",IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=nowcast-test-ca");
        for (String who : new String[] {"server", "client"}) {
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + (who.equals("server") ? host : "nowcast-station"));
            openssl(dir, "x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", who + ".crt", "-days", "2", "-extfile", san.toString());
        }
        String password = "keystore-secret";
        openssl(dir, "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:" + password);
        return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("client.p12"), password);
    }

    /** Mosquitto listener lines for TLS with a required client certificate. */
    public List<String> mosquittoListener() {
        return List.of("allow_anonymous true", "cafile " + caCert, "certfile " + serverCert, "keyfile " + serverKey,
                "require_certificate true");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
