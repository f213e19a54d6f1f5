package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalAggregatorTest {
    private static final double EPS = 1e-12;

    @Test
    void eachColumnByItsRule() {
        IntervalAggregator a = IntervalAggregator.forColumns(List.of("temperature", "rain", "wind_gust", "wind_dir"));
        double[][] readings = {{10, 0.2, 12, 350}, {11, 0.0, 30, 10}, {15, 0.6, 18, Double.NaN}};
        for (double[] r : readings) {
            for (int c = 0; c < r.length; c++) {
                a.add(c, r[c]);
            }
        }
        double[] out = new double[4];
        a.values(out);
        assertEquals(12.0, out[0], EPS, "mean of 10, 11, 15");
        assertEquals(0.8, out[1], EPS, "rain amounts add: 0.2 + 0 + 0.6");
        assertEquals(30.0, out[2], EPS, "gusts: the largest");
        // 350° and 10°: sines cancel, cosines add, so the mean vector points at 0°, not 180°.
        assertTrue(out[3] < 1e-9 || out[3] > 360 - 1e-9, "direction " + out[3]);
        assertEquals(2, a.count(3), "the missing direction is left out");
    }

    @Test
    void directionOfTheMeanVector() {
        IntervalAggregator a = new IntervalAggregator(List.of(Aggregation.DIRECTION));
        a.add(0, 90);
        a.add(0, 180);
        // (sin 90 + sin 180, cos 90 + cos 180) = (1, -1): atan2(1, -1) = 135°.
        assertEquals(135.0, a.value(0), 1e-9);
        a.clear();
        a.add(0, 270);
        a.add(0, 300);
        // Two unit vectors: their mean points half-way between them, at 285°.
        assertEquals(285.0, a.value(0), 1e-9);
    }

    @Test
    void opposedDirectionsHaveNoMean() {
        IntervalAggregator a = new IntervalAggregator(List.of(Aggregation.DIRECTION));
        a.add(0, 0);
        a.add(0, 180);
        assertTrue(Double.isNaN(a.value(0)));
    }

    @Test
    void noReadingIsNaNAndClearForgets() {
        IntervalAggregator a = new IntervalAggregator(List.of(Aggregation.SUM, Aggregation.MAX));
        a.add(0, 1.5);
        a.add(1, -3);
        assertEquals(-3.0, a.value(1), EPS, "the max of one negative reading is that reading, not 0");
        a.clear();
        assertTrue(Double.isNaN(a.value(0)), "a sum of no reading is unknown, not 0 mm");
        assertTrue(Double.isNaN(a.value(1)));
        a.add(0, Double.POSITIVE_INFINITY);
        assertEquals(0, a.count(0));
    }

    @Test
    void unknownColumnsAreMeans() {
        assertEquals(Aggregation.MEAN, Quantity.aggregationOf("co2"));
        assertEquals(Aggregation.SUM, Quantity.aggregationOf("Rain"));
    }

    @Test
    void directionInputs() {
        assertEquals(new DirectionInput("wind_dir", true), DirectionInput.parse("wind_dir_sin").orElseThrow());
        assertEquals(new DirectionInput("wind_dir", false), DirectionInput.parse("wind_dir_cos").orElseThrow());
        assertTrue(DirectionInput.parse("_sin").isEmpty());
        assertTrue(DirectionInput.parse("temperature").isEmpty());
        assertEquals(1.0, DirectionInput.component(90, true), EPS);
        assertEquals(-1.0, DirectionInput.component(180, false), EPS);
        assertEquals(0.0, DirectionInput.component(Double.NaN, true), "calm: no direction");
    }
}
