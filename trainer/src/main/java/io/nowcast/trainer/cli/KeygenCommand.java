package io.nowcast.trainer.cli;

import io.nowcast.trainer.publish.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nowcast-train keygen}: a new Ed25519 key pair for signing model updates (docs/updates.md). */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write a new Ed25519 key pair for signing model updates: NAME.key (private, mode 0600) and "
                + "NAME.pub (for the station's model.update.public_key). Never overwrites a file.")
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two files (created if absent).")
    Path out;

    @Option(names = "--name", defaultValue = "nowcast-update", paramLabel = "NAME",
            description = "File name without extension (default: ${DEFAULT-VALUE}).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]{1,100}") || name.startsWith(".")) {
            throw new IllegalArgumentException("--name '" + name + "': 1..100 characters of A-Z a-z 0-9 . _ -, not "
                    + "starting with '.'");
        }
        SigningKey key = SigningKey.generate();
        Path[] files = key.write(out, name);
        spec.commandLine().getOut().printf("wrote %s (private, keep it on this workstation) and %s (public, for "
                + "model.update.public_key); key id %s%n", files[0], files[1], key.shortId());
        return 0;
    }
}
