package io.nowcast.runtime.cli;

import io.nowcast.engine.Engine;
import io.nowcast.engine.EngineKind;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.history.CsvFormatException;
import io.nowcast.history.Durations;
import io.nowcast.history.HistoryReader;
import io.nowcast.history.TimestampParser;
import io.nowcast.history.weewx.WeewxArchive;
import io.nowcast.runtime.forecast.CsvWindows;
import io.nowcast.runtime.forecast.WeewxHistory;
import java.io.BufferedReader;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nowcast predict}: resamples a history to the model's interval, as the station does
 * ({@link CsvWindows}), and runs the model over every window of T consecutive intervals: with N
 * such intervals in a row it writes N − T + 1 lines, the outputs of the windows ending at intervals
 * T..N (with {@code --with-time}, each after the time of that last interval). Intervals without a
 * value of an input are counted on stderr, never filled in.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run a model over every window of a station history, resampled to the model's interval.",
            "A weewx archive (SQLite) is read with its fields as station channels, in station units. "
                    + "The CSV's header names the model's inputs (any order, extra columns ignored) and has a 'timestamp'"
                    + " column (ISO-8601): readings are resampled to the model's interval by the station's rule"
                    + " (means; sums for rain; the largest gust; the mean wind direction), and derived time features"
                    + " are computed from the intervals' times. Writes a header of output names (with their horizons"
                    + " where names repeat), then one line of outputs, in raw units, per window."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The .ncm model file.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "A station history: a CSV (- for stdin), or a weewx archive (weewx.sdb, needs the SQLite driver).")
    String input;

    @Option(names = "--engine", defaultValue = "float", paramLabel = "ENGINE",
            description = "Engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    EngineKind engine;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the forecasts (default: stdout).")
    Path output;

    @Option(names = "--time-zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Zone of timestamps written without one (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--with-time",
            description = "Start each line with the time of the window's last interval (its grid point, UTC, ISO-8601).")
    boolean withTime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Model model = ModelReader.read(modelFile);
        Engine runner = engine.create(model);
        Path partial = output == null ? null : output.resolveSibling(output.getFileName() + ".partial");
        try (HistoryReader csv = openInput(); Writer sink = openOutput(partial)) {
            PrintWriter out = new PrintWriter(sink);
            CsvWindows windows = new CsvWindows(model, csv);
            out.print((withTime ? HistoryReader.TIMESTAMP + "," : "") + String.join(",", columnNames(model)));
            out.print('\n');
            float[] window = new float[model.window() * model.inputCount()]; // [T·I]
            float[] y = new float[model.outputCount()]; // [O]
            StringBuilder line = new StringBuilder();
            long lines = 0;
            while (windows.next(window)) {
                lines++;
                runner.predict(window, y);
                line.setLength(0);
                if (withTime) {
                    line.append(windows.newestTime()).append(',');
                }
                for (int k = 0; k < y.length; k++) {
                    line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", y[k]));
                }
                out.print(line.append('\n'));
            }
            out.flush();
            if (lines == 0) {
                throw new CsvFormatException(csv.source() + ": no " + model.window() + " consecutive intervals of "
                        + Durations.formatSeconds(model.intervalSeconds()) + " with a value of every input (the model's"
                        + " window); " + windows.intervalsRead() + " intervals with rows, "
                        + windows.intervalsWithoutValues() + " without a value between them");
            }
            if (windows.intervalsWithoutValues() > 0) {
                spec.commandLine().getErr().printf("predict: %s: %d intervals of %s without a value of an input;"
                        + " windows across them were left out%n", csv.source(), windows.intervalsWithoutValues(),
                        Durations.formatSeconds(model.intervalSeconds()));
            }
        } catch (IOException | RuntimeException e) {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            throw e;
        }
        if (partial != null) {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }

    /**
     * The outputs' names; where several outputs share a name (one target at several horizons),
     * each is followed by its horizon, as in {@code temperature+30min}.
     */
    static List<String> columnNames(Model model) {
        List<String> names = model.outputs().stream().map(OutputSpec::name).toList();
        if (new HashSet<>(names).size() == names.size()) {
            return names;
        }
        return model.outputs().stream().map(o -> o.name() + "+" + Durations.formatSeconds(o.horizonSeconds())).toList();
    }

    /** The input: a weewx archive when the file is an SQLite database (whatever its name), else a CSV. */
    private HistoryReader openInput() throws IOException {
        if (!input.equals("-") && Files.isRegularFile(Path.of(input)) && WeewxArchive.isSqlite(Path.of(input))) {
            return WeewxHistory.open(Path.of(input));
        }
        BufferedReader in = input.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
        return HistoryReader.open(in, input.equals("-") ? "stdin" : input, HistoryReader.TIMESTAMP,
                new TimestampParser(null, zone), false);
    }

    /** The command's stdout, or the file that becomes --output once every window is written. */
    private Writer openOutput(Path partial) throws IOException {
        if (partial == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            return new FilterWriter(stdout) {
                @Override
                public void close() {
                    stdout.flush(); // stdout stays open for whoever runs this command
                }
            };
        }
        return Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
    }
}
