package io.nowcast.runtime.cli;

import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.runtime.station.update.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nowcast rollback --config FILE}: makes the model before the current one current again in
 * the station's model store (docs/updates.md), while the station is stopped; it runs from the
 * station's next start.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to the model the station ran before its last model update.",
            "Stop the station first; the previous model runs from its next start (docs/updates.md)."})
public final class RollbackCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The station's configuration file.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StationConfig c = StationConfig.load(config, System.getenv());
        ModelStore store;
        try {
            store = ModelStore.open(c.dataDir(), c.modelFile());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; stop the station first (systemctl stop nowcast)", e);
        }
        try (store) {
            ModelStore.Entry from = store.current();
            ModelStore.Entry back = store.previous();
            if (back == null) {
                throw new IOException(c.dataDir().resolve(ModelStore.DIR) + ": no previous model to roll back to; the "
                        + "station runs version " + from.version() + " (" + from.file() + ")");
            }
            ModelInfo.load(back.file(), c.engine()); // a model the station could not run is not made current
            ModelStore.Entry now = store.rollback();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("rolled back from version %d (%s) to version %d (%s, sha256 %s); the station runs it from its next "
                    + "start%n", from.version(), from.file(), now.version(), now.file(), now.sha256().substring(0, 12));
            out.flush();
        }
        return 0;
    }
}
