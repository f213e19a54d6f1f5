package io.nowcast.trainer.run;

import io.nowcast.trainer.data.ChronologicalSplit;
import io.nowcast.trainer.data.DataException;
import io.nowcast.trainer.data.DataSource;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.Segment;
import io.nowcast.trainer.data.WindowSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The three chronological splits of a training run, and the normalization fitted on the first.
 * Either one file cut into train/validation/test, or a training file cut into train/validation
 * plus a separate test file.
 */
public record PreparedData(ProblemSpec spec, WindowSet train, WindowSet validation, WindowSet test,
        Normalization normalization, String provenance) {

    /**
     * @param split fractions train, validation, test (test ignored when {@code testFile} is given)
     */
    public static PreparedData load(DataSource source, ProblemSpec spec, Path dataFile, Path testFile, double[] split)
            throws IOException {
        List<Segment> all = source.segments(dataFile, spec);
        List<List<Segment>> parts;
        List<Segment> testSegments;
        if (testFile == null) {
            parts = ChronologicalSplit.split(all, split[0], split[1], 1 - split[0] - split[1]);
            testSegments = parts.get(2);
        } else {
            double trainShare = split[0] / (split[0] + split[1]);
            parts = ChronologicalSplit.split(all, trainShare, 1 - trainShare);
            testSegments = source.segments(testFile, spec);
        }
        WindowSet train = DataSource.windows(parts.get(0), spec);
        WindowSet validation = DataSource.windows(parts.get(1), spec);
        WindowSet test = DataSource.windows(testSegments, spec);
        for (var named : List.of(new Object[] {"training", train}, new Object[] {"validation", validation},
                new Object[] {"test", test})) {
            if (((WindowSet) named[1]).size() == 0) {
                throw new DataException(dataFile + ": the " + named[0] + " split has no complete window of "
                        + spec.window() + " steps plus " + spec.maxHorizonSteps()
                        + " steps of horizon; give more data, a shorter window or other split fractions");
            }
        }
        String provenance = describe("train+validation", dataFile, all) + "; "
                + (testFile == null ? "test: last " + Math.round(100 * (1 - split[0] - split[1])) + "% of it"
                        : describe("test", testFile, testSegments))
                + "; windows: " + train.size() + " train, " + validation.size() + " validation, " + test.size() + " test";
        return new PreparedData(spec, train, validation, test, Normalization.fit(train), provenance);
    }

    private static String describe(String role, Path file, List<Segment> segments) {
        Segment first = segments.get(0);
        Segment last = segments.get(segments.size() - 1);
        return role + ": " + file.getFileName() + " " + Instant.ofEpochSecond(first.startEpochSeconds()) + " to "
                + last.instant(last.rowCount() - 1) + " (" + segments.size() + " segment"
                + (segments.size() == 1 ? "" : "s") + ")";
    }
}
