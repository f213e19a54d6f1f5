package io.nowcast.runtime.doctor;

import io.nowcast.engine.EngineKind;
import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.ModelInputs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model file loads (and validates) as the station loads it, the configured engine takes it, and
 * every model input is served by a station channel or a derived time feature ({@link ModelInputs}).
 */
final class ModelCheck implements Check {
    private static final String SUBJECT = "model";
    private static final String NEW_FILE = "point model.file at a .ncm file written by nowcast-train (docs/station.md)";

    private final Path file;
    private final String engine;
    private final List<Channel> channels;

    ModelCheck(Path file, String engine, List<Channel> channels) {
        this.file = file;
        this.engine = engine;
        this.channels = channels;
    }

    @Override
    public CheckResult run() {
        ModelInfo info;
        try {
            info = ModelInfo.load(file, engine);
        } catch (NoSuchFileException e) {
            return CheckResult.fail(SUBJECT, file + ": no such file", NEW_FILE);
        } catch (IOException e) {
            return CheckResult.fail(SUBJECT, file + ": " + e.getMessage(), NEW_FILE);
        }
        Model model = info.model();
        ModelInputs.Source[] sources;
        try {
            sources = ModelInputs.sources(model, channels);
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(SUBJECT, file + ": " + e.getMessage(), "configure a sensor that delivers it, or rename "
                    + "a channel to it with sensor.<id>.channels = <channel>:<input> (docs/sensors.md), or use a model "
                    + "trained on this station's channels");
        }
        try {
            EngineKind.of(engine).create(model);
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(SUBJECT, file + ": the " + engine + " engine cannot run it: " + e.getMessage(),
                    "set model.engine to the other engine, or retrain the model");
        }
        List<String> measured = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        for (int k = 0; k < sources.length; k++) {
            (sources[k].measured() ? measured : derived).add(model.inputs().get(k).name());
        }
        return CheckResult.pass(SUBJECT, file.getFileName() + " (SHA-256 " + info.sha256().substring(0, 12) + "…) loads; "
                + "inputs from channels: " + String.join(", ", measured)
                + (derived.isEmpty() ? "" : "; derived: " + String.join(", ", derived))
                + "; window " + model.window() + " × " + model.intervalSeconds() + " s, " + engine + " engine");
    }
}
