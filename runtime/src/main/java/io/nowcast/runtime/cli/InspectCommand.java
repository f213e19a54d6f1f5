package io.nowcast.runtime.cli;

import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.history.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nowcast inspect FILE}: what a model file holds, for people. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a model file's header, layers, inputs, outputs, description, size and SHA-256.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The .ncm model file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Model m = ModelReader.parse(bytes, file.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "file         %s%n", file);
        out.printf(Locale.ROOT, "size         %d bytes%n", bytes.length);
        out.printf(Locale.ROOT, "sha256       %s%n", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        out.printf(Locale.ROOT, "format       ncm v1, %s weights%n", m.weightType().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "activations  cell %s, gate %s%n", Names.of(m.cellActivation()), Names.of(m.gateActivation()));
        out.printf(Locale.ROOT, "window       %d steps of %s (%s of history)%n", m.window(),
                Durations.formatSeconds(m.intervalSeconds()), Durations.formatSeconds(m.window() * m.intervalSeconds()));
        out.printf(Locale.ROOT, "layers       %d LSTM (hidden %s) + dense head%n", m.layers().size(),
                m.layers().stream().map(l -> String.valueOf(l.hiddenSize())).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "parameters   %d%n", m.parameterCount());
        for (int l = 0; l < m.layers().size(); l++) {
            LstmLayer layer = m.layers().get(l);
            out.printf(Locale.ROOT, "  layer %d    W [%d][%d], U [%d][%d], b [%d]%n", l, 4 * layer.hiddenSize(),
                    layer.inputSize(), 4 * layer.hiddenSize(), layer.hiddenSize(), 4 * layer.hiddenSize());
        }
        out.printf(Locale.ROOT, "  head       Wy [%d][%d], by [%d]%n", m.outputCount(), m.lastHiddenSize(), m.outputCount());
        out.printf(Locale.ROOT, "inputs (%d)%n", m.inputCount());
        out.printf(Locale.ROOT, "  %3s  %-24s %-10s %14s %14s%n", "#", "name", "unit", "mean", "std");
        for (int k = 0; k < m.inputCount(); k++) {
            InputSpec in = m.inputs().get(k);
            out.printf(Locale.ROOT, "  %3d  %-24s %-10s %14.7g %14.7g%n", k, in.name(), in.unit(), in.mean(), in.std());
        }
        out.printf(Locale.ROOT, "outputs (%d)%n", m.outputCount());
        out.printf(Locale.ROOT, "  %3s  %-24s %-10s %8s %-24s %14s %14s%n", "#", "name", "unit", "horizon", "kind", "mean", "std");
        for (int k = 0; k < m.outputCount(); k++) {
            OutputSpec o = m.outputs().get(k);
            String kind = o.isDelta() ? "change from " + m.inputs().get(o.baseInput()).name() : "absolute";
            out.printf(Locale.ROOT, "  %3d  %-24s %-10s %8s %-24s %14.7g %14.7g%n", k, o.name(), o.unit(),
                    Durations.formatSeconds(o.horizonSeconds()), kind, o.mean(), o.std());
        }
        out.printf(Locale.ROOT, "description%n");
        for (String line : (m.description().isEmpty() ? "(none)" : m.description()).split("\n")) {
            out.printf(Locale.ROOT, "  %s%n", line);
        }
        out.flush();
        return 0;
    }
}
