package io.nowcast.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSetTest {
    /** Rows r = 0..9 at 06:00 UTC + r minutes, column x = r², column y = 10·r. */
    static Segment segment() {
        double[][] v = new double[10][2];
        for (int r = 0; r < 10; r++) {
            v[r][0] = r * r;
            v[r][1] = 10 * r;
        }
        return new Segment(6 * 3600, 60, v);
    }

    @Test
    void windowsTargetsDeltasAndDerivedFeatures() {
        ProblemSpec spec = new ProblemSpec(List.of("x", "time_of_day_sin"),
                List.of(new TargetSpec("x", 120, true), new TargetSpec("y", 60, false)), 3, 60);
        assertEquals(List.of("x", "y"), spec.csvColumns());
        WindowSet set = new WindowSet(spec, List.of(FeatureSegment.of(segment(), spec.csvColumns(), spec)));
        // ends 2..7 (end + 2 steps of horizon <= 9)
        assertEquals(6, set.size());
        assertEquals(2, set.endOf(0));
        float[] w = new float[6];
        set.rawWindow(0, w);
        // rows 0,1,2 of x = 0,1,4; sin(2π·6h/24h) = sin(π/2) = 1 at 06:00, ~1 a minute later
        assertEquals(0f, w[0]);
        assertEquals(1f, w[2]);
        assertEquals(4f, w[4]);
        assertEquals(1.0, w[1], 1e-6);
        // x two steps after row 2 is row 4 = 16; change from x at row 2 (4) = 12
        assertEquals(16.0, set.actual(0, 0));
        assertEquals(12.0, set.rawTarget(0, 0));
        assertEquals(4.0, set.lastValue(0, 0));
        // y one step after row 2 = 30, absolute
        assertEquals(30.0, set.rawTarget(0, 1));
        assertEquals(6 * 3600 + 4 * 60, set.targetEpochSeconds(0, 0));
    }

    @Test
    void normalizationComesFromTrainingRowsOnly() {
        ProblemSpec spec = new ProblemSpec(List.of("x"), List.of(new TargetSpec("y", 60, false)), 2, 60);
        WindowSet set = new WindowSet(spec, List.of(FeatureSegment.of(segment(), spec.csvColumns(), spec)));
        Normalization n = Normalization.fit(set);
        // x = r², r = 0..9: mean 28.5, population variance 1208.25 - 28.5² = 396.0 (Σr⁴ = 15333)
        assertEquals(28.5, n.inputMean()[0], 1e-6);
        assertEquals(Math.sqrt(15333 / 10.0 - 28.5 * 28.5), n.inputStd()[0], 1e-5);
        // targets y at rows 2..9 = 20..90: mean 55, variance of 10·(2..9) = 100·5.25
        assertEquals(55.0, n.targetMean()[0], 1e-6);
        assertEquals(Math.sqrt(525.0), n.targetStd()[0], 1e-5);
    }
}
