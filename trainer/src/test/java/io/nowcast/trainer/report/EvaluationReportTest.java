package io.nowcast.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.trainer.data.FeatureSegment;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.Segment;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.eval.Evaluation;
import io.nowcast.trainer.eval.Forecaster;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
    /** temperature at 60 s steps for three days, forecast 1 min and 2 min ahead. */
    private static WindowSet set() {
        double[][] v = new double[3 * 1440][1];
        for (int r = 0; r < v.length; r++) {
            v[r][0] = 10 + 5 * Math.sin(2 * Math.PI * r / 1440);
        }
        ProblemSpec spec = new ProblemSpec(List.of("temperature"),
                List.of(new TargetSpec("temperature", 60, false), new TargetSpec("temperature", 120, false)), 2, 60);
        return new WindowSet(spec, List.of(FeatureSegment.of(new Segment(0, 60, v), spec.csvColumns(), spec)));
    }

    /** Forecasts the actual value plus a constant per output: its RMSE is that constant. */
    private static Forecaster offBy(String name, WindowSet set, double... offset) {
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void forecast(int sample, double[] out) {
                for (int o = 0; o < out.length; o++) {
                    out[o] = set.actual(sample, o) + offset[o];
                }
            }
        };
    }

    @Test
    void oneSentenceComparesTheModelWithRidgeAndPersistenceWithTheHonestSign() {
        WindowSet set = set();
        Evaluation e = Evaluation.run(set, List.of(offBy("float engine", set, 0.61, 0.8), offBy("persistence", set, 1.17, 0.3),
                offBy("time-of-day mean", set, 3, 3), offBy("ridge", set, 0.69, 0.69)));
        // 1 min: (0.69 − 0.61) / 0.69 = 11.6 % → 12 % below; (1.17 − 0.61) / 1.17 = 47.9 % → 48 % below.
        // 2 min: (0.8 − 0.69) / 0.69 = 15.9 % → 16 % above ridge; 0.8 / 0.3 = 2.67 → 2.7 times persistence's.
        assertEquals("At 1min the model's RMSE of temperature is 0.610 °C, 12 % below ridge (0.690 °C) and 48 % below "
                + "persistence (1.17 °C); at 2min it is 0.800 °C, 16 % above ridge (0.690 °C) and 2.7 times that of "
                + "persistence (0.300 °C).", EvaluationReport.comparison(e, "temperature", "°C"));
        Evaluation withoutRidge = Evaluation.run(set, List.of(offBy("q16 engine", set, 1, 1), offBy("persistence", set, 1, 1)));
        assertEquals("At 1min the model's RMSE of temperature is 1.00, level with persistence (1.00); at 2min it is "
                + "1.00, level with persistence (1.00).", EvaluationReport.comparison(withoutRidge, "temperature", ""));
    }

    @Test
    void relationsAndNumbers() {
        assertEquals("level with", EvaluationReport.relation(1.004, 1.0));
        assertEquals("1 % above", EvaluationReport.relation(1.006, 1.0));
        assertEquals("99 % below", EvaluationReport.relation(0.01, 1.0));
        assertEquals("2 times that of", EvaluationReport.relation(2.0, 1.0));
        assertEquals("above", EvaluationReport.relation(1.0, 0.0));
        assertEquals("0.614", EvaluationReport.significant(0.61449));
        assertEquals("1230", EvaluationReport.significant(1234.5));
        assertEquals("1.00", EvaluationReport.significant(1.0028));
        assertEquals("0.0123", EvaluationReport.significant(0.012345));
    }

    @Test
    void theForecastChartShowsTheWholePeriodAboveItsFirstTwoDays(@TempDir Path dir) throws Exception {
        WindowSet set = set();
        Evaluation e = Evaluation.run(set, List.of(offBy("float engine", set, 0.1, 0.2), offBy("persistence", set, 1, 1)));
        Path png = dir.resolve("forecast-temperature.png");
        EvaluationReport.forecastChart(e, 1, List.of("float engine", "persistence", "ridge"), "°C", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(900, image.getHeight()); // two panels of 450
    }
}
