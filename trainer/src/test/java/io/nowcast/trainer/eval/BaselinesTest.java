package io.nowcast.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.trainer.data.FeatureSegment;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.Segment;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    /** a: white noise; b at row r = 3·a[r−1] − a[r−2] + 10, exactly linear in a window of a. */
    static WindowSet linear(int rows, long seed, ProblemSpec spec) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] v = new double[rows][2];
        for (int r = 0; r < rows; r++) {
            v[r][0] = random.nextGaussian();
        }
        for (int r = 2; r < rows; r++) {
            v[r][1] = 3 * v[r - 1][0] - v[r - 2][0] + 10;
        }
        v[0][1] = v[1][1] = 10;
        return new WindowSet(spec, List.of(FeatureSegment.of(new Segment(0, 60, v), spec.csvColumns(), spec)));
    }

    @Test
    void ridgeRecoversAnExactlyLinearTarget() {
        ProblemSpec spec = new ProblemSpec(List.of("a"), List.of(new TargetSpec("b", 60, false)), 4, 60);
        WindowSet train = linear(600, 1, spec);
        WindowSet test = linear(200, 2, spec);
        RidgeRegression ridge = RidgeRegression.fit(train, linear(200, 3, spec), Normalization.fit(train));
        Evaluation e = Evaluation.run(test, List.of(ridge.on(test), new Persistence(test)));
        // b has σ = √(9 + 1) ≈ 3.2; the smallest λ (1e-2 per example) shrinks the fit by about 1 %
        assertEquals(0.01, ridge.lambda());
        assertTrue(e.stats(0, 0).rmse() < 0.1, "ridge RMSE " + e.stats(0, 0).rmse());
        assertTrue(e.stats(1, 0).rmse() > 3, "persistence RMSE " + e.stats(1, 0).rmse());
    }

    @Test
    void persistenceAndTimeOfDayMeanByHand() {
        // x = row number at 60 s steps from midnight; target x one step ahead.
        double[][] v = new double[200][1];
        for (int r = 0; r < v.length; r++) {
            v[r][0] = r;
        }
        ProblemSpec spec = new ProblemSpec(List.of("x"), List.of(new TargetSpec("x", 60, false)), 2, 60);
        WindowSet set = new WindowSet(spec, List.of(FeatureSegment.of(new Segment(0, 60, v), spec.csvColumns(), spec)));
        Evaluation e = Evaluation.run(set, List.of(new Persistence(set), new TimeOfDayMean(set, set, 3600)));
        assertEquals(1.0, e.stats(0, 0).rmse(), 1e-12); // always one behind
        assertEquals(1.0, e.stats(0, 0).mae(), 1e-12);
        // hour 0 holds targets of rows 2..59 (mean 30.5), hour 1 rows 60..119 (89.5): the first forecast is 30.5
        assertEquals(30.5f, e.forecast(1, 0, 0), 1e-6);
        assertEquals(89.5f, e.forecast(1, 0, 59), 1e-6);
    }
}
