package io.nowcast.trainer.cli;

import io.nowcast.broker.BrokerSettings;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.trainer.publish.ModelPublisher;
import io.nowcast.trainer.publish.SigningKey;
import io.nowcast.trainer.publish.UpdateMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nowcast-train publish-model}: signs a {@code .ncm} model and publishes it, retained, on the
 * station's {@code nowcast/<id>/model/update} (docs/updates.md).
 */
@Command(name = "publish-model", mixinStandardHelpOptions = true,
        description = "Sign a .ncm model with a key from 'keygen' and publish it to a station over MQTT "
                + "(retained, QoS 1), with a version greater than any the broker keeps for that station.")
public final class PublishModelCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "NCM", description = "The model file to send.")
    Path model;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key file (NAME.key from keygen).")
    Path key;

    @Option(names = "--broker", required = true, paramLabel = "URI", description = "tcp://HOST:PORT or ssl://HOST:PORT")
    String broker;

    @Option(names = "--station", required = true, paramLabel = "ID", description = "The station's station.id.")
    String station;

    @Option(names = "--model-version", paramLabel = "N",
            description = "The version to give the model (default: the Unix time in seconds, or one more than the "
                    + "version the broker keeps, whichever is greater).")
    long version;

    @Option(names = "--username", paramLabel = "NAME", description = "Broker user name.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the broker password.")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) of an ssl:// broker (default: the JDK's).")
    Path caFile;

    @Option(names = "--client-keystore", paramLabel = "P12", description = "PKCS#12 client certificate and key (ssl:// only).")
    Path clientKeystore;

    @Option(names = "--client-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the client keystore's password.")
    Path clientKeystorePasswordFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!station.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("--station '" + station + "' is not a station id (1..64 of A-Z a-z 0-9 - _)");
        }
        if (version < 0) {
            throw new IllegalArgumentException("--model-version " + version + " must be at least 1");
        }
        BrokerSettings settings = settings();
        long size = Files.size(model);
        if (size > UpdateMessage.MAX_MODEL_BYTES) {
            throw new IOException(model + ": " + size + " bytes; an update carries at most " + UpdateMessage.MAX_MODEL_BYTES);
        }
        byte[] bytes = Files.readAllBytes(model);
        ModelReader.parse(bytes, model.toString()); // a file the station would refuse is not sent
        SigningKey signer = SigningKey.read(key);
        ModelPublisher.Published p = ModelPublisher.publish(settings, station, version, signer, bytes, Instant.now());
        spec.commandLine().getOut().printf("published %s (%d bytes, sha256 %s) as version %d for station %s on %s, "
                + "retained (%s); signed by key %s%n", model, bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), p.version(), station, broker,
                p.previousVersion() == 0 ? "no update was retained before"
                        : "replacing version " + p.previousVersion(), signer.shortId());
        return 0;
    }

    private BrokerSettings settings() throws IOException {
        try {
            URI u = new URI(broker);
            if (!("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) || u.getHost() == null) {
                throw new URISyntaxException(broker, "scheme");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--broker '" + broker + "': tcp://HOST:PORT or ssl://HOST:PORT");
        }
        boolean ssl = broker.startsWith("ssl://");
        if (!ssl && (caFile != null || clientKeystore != null)) {
            throw new IllegalArgumentException((caFile != null ? "--ca-file" : "--client-keystore")
                    + " only with an ssl:// broker (--broker is " + broker + ")");
        }
        if (clientKeystore != null && clientKeystorePasswordFile == null) {
            throw new IllegalArgumentException("--client-keystore needs --client-keystore-password-file");
        }
        return new BrokerSettings(broker, "nowcast-publish-" + UUID.randomUUID().toString().substring(0, 8), 1, username,
                firstLine(passwordFile), caFile, clientKeystore, firstLine(clientKeystorePasswordFile), 30, 1, 1);
    }

    /** A secret file's first line, trailing white space removed; null for no file. */
    private static char[] firstLine(Path file) throws IOException {
        if (file == null) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).stripTrailing().toCharArray();
    }
}
