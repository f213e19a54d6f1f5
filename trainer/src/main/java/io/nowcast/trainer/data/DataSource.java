package io.nowcast.trainer.data;

import io.nowcast.history.TimestampParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How to read a station's CSV history onto the model's grid: timestamp column and parser, interval
 * and gap tolerance.
 */
public record DataSource(String timestampColumn, TimestampParser timestamps, long intervalSeconds,
        long gapToleranceSeconds) {

    /** The file's gap-free segments, resampled, holding {@code spec.csvColumns()} in that order. */
    public List<Segment> segments(Path file, ProblemSpec spec) throws IOException {
        RawSeries raw = new CsvSeriesLoader(timestampColumn, timestamps).load(file, spec.csvColumns());
        if (raw.rowCount() == 0) {
            throw new DataException(file + ": no data rows");
        }
        List<Segment> segments = new Resampler(intervalSeconds, gapToleranceSeconds).resample(raw);
        if (segments.isEmpty()) {
            throw new DataException(file + ": no stretch of data has a value in every column");
        }
        return segments;
    }

    /** Windows over segments, with derived features computed. */
    public static WindowSet windows(List<Segment> segments, ProblemSpec spec) {
        return new WindowSet(spec, segments.stream().map(s -> FeatureSegment.of(s, spec.csvColumns(), spec)).toList());
    }
}
