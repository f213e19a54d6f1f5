package io.nowcast.trainer.data;

import io.nowcast.history.TimestampParser;
import io.nowcast.history.weewx.WeewxArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How to read a station's history onto the model's grid: a CSV (timestamp column and parser, its
 * units) or a weewx archive, told apart by the file's first bytes ({@link WeewxArchive#isSqlite}),
 * never by its name; then the interval and the gap tolerance.
 *
 * @param usUnits     whether a CSV's quantity columns are in US customary units (a weewx archive
 *                    says its units in every row)
 * @param fromMillis  readings stamped before this are left out (Long.MIN_VALUE: none)
 * @param untilMillis readings stamped at or after this are left out (Long.MAX_VALUE: none)
 */
public record DataSource(String timestampColumn, TimestampParser timestamps, long intervalSeconds,
        long gapToleranceSeconds, boolean usUnits, long fromMillis, long untilMillis) {

    public DataSource {
        if (fromMillis >= untilMillis) {
            throw new IllegalArgumentException("--from must come before --until");
        }
    }

    /** A source that keeps every reading. */
    public DataSource(String timestampColumn, TimestampParser timestamps, long intervalSeconds, long gapToleranceSeconds,
            boolean usUnits) {
        this(timestampColumn, timestamps, intervalSeconds, gapToleranceSeconds, usUnits, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A source of CSVs in the station's (metric) units that keeps every reading. */
    public DataSource(String timestampColumn, TimestampParser timestamps, long intervalSeconds, long gapToleranceSeconds) {
        this(timestampColumn, timestamps, intervalSeconds, gapToleranceSeconds, false);
    }

    /** The file's readings from fromMillis until untilMillis, {@link Resampler#sourceColumns} of {@code columns}, sorted by time. */
    public RawSeries load(Path file, List<String> columns) throws IOException {
        RawSeries all = WeewxArchive.isSqlite(file) ? new WeewxSeriesLoader().load(file, columns)
                : new CsvSeriesLoader(timestampColumn, timestamps, usUnits).load(file, columns);
        return all.within(fromMillis, untilMillis);
    }

    /** The file's gap-free segments, resampled, holding {@code spec.csvColumns()} in that order. */
    public List<Segment> segments(Path file, ProblemSpec spec) throws IOException {
        List<String> columns = spec.csvColumns();
        RawSeries raw = load(file, columns);
        if (raw.rowCount() == 0) {
            throw new DataException(file + ": no data rows" + (fromMillis == Long.MIN_VALUE && untilMillis == Long.MAX_VALUE
                    ? "" : " from --from until --until"));
        }
        for (int c = 0; c < raw.columns().size(); c++) {
            if (!hasValue(raw, c)) {
                throw new DataException(file + ": column '" + raw.columns().get(c) + "' has no value in any row");
            }
        }
        List<Segment> segments = new Resampler(intervalSeconds, gapToleranceSeconds).resample(raw, columns);
        if (segments.isEmpty()) {
            throw new DataException(file + ": no stretch of data has a value in every column");
        }
        return segments;
    }

    private static boolean hasValue(RawSeries raw, int column) {
        for (double[] row : raw.values()) {
            if (!Double.isNaN(row[column])) {
                return true;
            }
        }
        return false;
    }

    /** Windows over segments, with derived features computed. */
    public static WindowSet windows(List<Segment> segments, ProblemSpec spec) {
        return new WindowSet(spec, segments.stream().map(s -> FeatureSegment.of(s, spec.csvColumns(), spec)).toList());
    }
}
