package io.nowcast.trainer.cli;

import io.nowcast.history.Durations;
import io.nowcast.history.TimestampParser;
import io.nowcast.trainer.data.DataSource;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.TargetSpec;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which data, and what to forecast from what: shared by train and size-study. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training history: a CSV with a header, or a weewx archive (SQLite, e.g. weewx.sdb; "
                    + "recognised by its first bytes, not its name).")
    Path data;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "Separate test history (CSV or weewx archive); without it the last part of --data is the test split.")
    Path testData;

    @Option(names = "--timestamp-column", defaultValue = "timestamp", paramLabel = "NAME",
            description = "Column holding the time (default: ${DEFAULT-VALUE}).")
    String timestampColumn;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "CSV times: 'epoch' (seconds since 1970-01-01 UTC, decimals allowed) or a java.time pattern, "
                    + "e.g. 'dd.MM.yyyy HH:mm'; default ISO-8601 ('T' or a space between date and time).")
    String timestampFormat;

    @Option(names = "--units", defaultValue = "metric", paramLabel = "metric|us",
            description = "Units of a CSV's columns named as station channels (temperature, pressure, wind_speed, rain ...): "
                    + "us converts °F, inHg, mph, in, in/h to °C, hPa, km/h, mm, mm/h (default: ${DEFAULT-VALUE}). "
                    + "A weewx archive says its units in every row.")
    String units;

    @Option(names = "--from", paramLabel = "INSTANT",
            description = "Leave out the readings stamped before this ISO-8601 instant, e.g. 2017-08-08T09:00:00Z"
                    + " (a period when the sensor was known to be wrong); in every file.")
    String from;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "Leave out the readings stamped at or after this ISO-8601 instant; in every file.")
    String until;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "Zone of timestamps that carry none, e.g. Europe/Brussels or UTC.")
    String timeZone;

    @Option(names = "--inputs", required = true, split = ",", paramLabel = "NAME",
            description = "Input columns (station channel names for a weewx archive), in model order; wind_dir_sin, "
                    + "wind_dir_cos from a wind_dir column; derived time features by name (time_of_day_sin, "
                    + "time_of_day_cos, day_of_year_sin, day_of_year_cos).")
    List<String> inputs;

    @Option(names = "--target", required = true, split = ",", paramLabel = "COLUMN", description = "Column(s) to forecast.")
    List<String> targets;

    @Option(names = "--horizon", required = true, split = ",", paramLabel = "DURATION",
            description = "How far ahead, e.g. 30min,1h; every target at every horizon.")
    List<String> horizons;

    @Option(names = "--delta", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Forecast the change from the target's last value (the target must be an input);"
                    + " --no-delta: the value itself (default: on; docs/weather.md).")
    boolean delta;

    @Option(names = "--interval", defaultValue = "60s", paramLabel = "DURATION",
            description = "Model time step; readings are averaged per step (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--gap-tolerance", paramLabel = "DURATION",
            description = "Longest hole filled by interpolation; longer ones break the series (default: 5 intervals).")
    String gapTolerance;

    @Option(names = "--window", defaultValue = "60", paramLabel = "STEPS", description = "Window length T (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--split", split = ",", paramLabel = "FRACTION",
            description = "Train,validation[,test] fractions of --data in time order (default 0.7,0.15,0.15; with --test-data 0.85,0.15).")
    List<Double> split;

    @Option(names = "--unit", split = ",", paramLabel = "COLUMN=UNIT",
            description = "Units for the model file and the charts, e.g. Temperature=°C; station channel names have theirs.")
    Map<String, String> columnUnits = new LinkedHashMap<>();

    ProblemSpec spec() {
        long step = seconds("--interval", interval);
        List<TargetSpec> t = new ArrayList<>();
        for (String column : targets) {
            for (String h : horizons) {
                t.add(new TargetSpec(column, seconds("--horizon", h), delta));
            }
        }
        return new ProblemSpec(inputs, t, window, step);
    }

    DataSource source() {
        ZoneId zone;
        try {
            zone = timeZone == null ? null : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--time-zone '" + timeZone + "' is not a time zone (e.g. UTC, Europe/Brussels)");
        }
        long step = seconds("--interval", interval);
        long tolerance = gapTolerance == null ? 5 * step : seconds("--gap-tolerance", gapTolerance);
        TimestampParser parser;
        try {
            parser = new TimestampParser(timestampFormat, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timestamp-format '" + timestampFormat + "': " + e.getMessage());
        }
        return new DataSource(timestampColumn, parser, step, tolerance, usUnits(units),
                from == null ? Long.MIN_VALUE : epochMillis("--from", from),
                until == null ? Long.MAX_VALUE : epochMillis("--until", until));
    }

    /** An instant option; a mistake names the option. */
    private static long epochMillis(String option, String value) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not an ISO-8601 instant (e.g. 2017-08-08T09:00:00Z)");
        }
    }

    /** Whether {@code --units} says US customary units; a mistake names the option. */
    static boolean usUnits(String units) {
        return switch (units.trim().toLowerCase(Locale.ROOT)) {
            case "metric" -> false;
            case "us" -> true;
            default -> throw new IllegalArgumentException("--units '" + units + "': expected metric or us");
        };
    }

    /** A duration option in whole seconds; a mistake names the option. */
    private static long seconds(String option, String value) {
        try {
            return Durations.parseSeconds(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }

    double[] splitFractions() {
        double[] f;
        if (split == null) {
            f = testData == null ? new double[] {0.7, 0.15} : new double[] {0.85, 0.15};
        } else {
            f = new double[] {split.get(0), split.size() > 1 ? split.get(1) : 0};
        }
        double rest = 1 - f[0] - f[1];
        if (!(f[0] > 0) || !(f[1] > 0) || (testData == null ? !(rest > 0) : rest < -1e-9)) {
            throw new IllegalArgumentException("--split " + split + ": train and validation (and test, without "
                    + "--test-data) fractions must be positive and sum to at most 1");
        }
        return f;
    }
}
