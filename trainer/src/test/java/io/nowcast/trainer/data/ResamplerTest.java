package io.nowcast.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static RawSeries series(long[] seconds, double[] values) {
        long[] ms = new long[seconds.length];
        double[][] v = new double[seconds.length][1];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = seconds[i] * 1000;
            v[i][0] = values[i];
        }
        return new RawSeries("test", ms, List.of("x"), v);
    }

    @Test
    void jitteredReadingsLandOnePerGridPointAndAreAveraged() {
        // 0, 59, 120 s: centred 60 s intervals put them on grid points 0, 1, 2 (a floor would put 0 and 59 together).
        // 121 s joins 120 s on point 2: mean of 4 and 6 = 5.
        List<Segment> segs = new Resampler(60, 0).resample(series(new long[] {0, 59, 120, 121}, new double[] {1, 2, 4, 6}));
        assertEquals(1, segs.size());
        assertEquals(3, segs.get(0).rowCount());
        assertEquals(0, segs.get(0).startEpochSeconds());
        assertEquals(1, segs.get(0).values()[0][0]);
        assertEquals(2, segs.get(0).values()[1][0]);
        assertEquals(5, segs.get(0).values()[2][0]);
    }

    @Test
    void shortHoleIsInterpolatedLongGapBreaksTheSeries() {
        // Points 0,1,_,3 (one missing minute, tolerance 60 s: filled 1 + (3-1)/2... linear between 2 and 8 -> 5),
        // then a 10-minute hole (> tolerance) before 14, 15.
        List<Segment> segs = new Resampler(60, 60).resample(series(new long[] {0, 60, 180, 840, 900},
                new double[] {0, 2, 8, 1, 1}));
        assertEquals(2, segs.size());
        assertEquals(4, segs.get(0).rowCount());
        assertEquals(5.0, segs.get(0).values()[2][0], 1e-12);
        assertEquals(840, segs.get(1).startEpochSeconds());
        assertEquals(2, segs.get(1).rowCount());
    }

    @Test
    void chronologicalSplitCutsSegmentsAtTheBoundaries() {
        Segment a = new Segment(0, 60, new double[6][1]);
        Segment b = new Segment(3600, 60, new double[4][1]);
        // 10 rows: 0.5 -> rows 0..4 of a; 0.3 -> a's row 5 and b's rows 0..1; rest b's rows 2..3.
        List<List<Segment>> parts = ChronologicalSplit.split(List.of(a, b), 0.5, 0.3, 0.2);
        assertEquals(List.of(5), parts.get(0).stream().map(Segment::rowCount).toList());
        assertEquals(List.of(1, 2), parts.get(1).stream().map(Segment::rowCount).toList());
        assertEquals(300, parts.get(1).get(0).startEpochSeconds());
        assertEquals(List.of(2), parts.get(2).stream().map(Segment::rowCount).toList());
        assertEquals(3600 + 120, parts.get(2).get(0).startEpochSeconds());
    }

    private static RawSeries series(List<String> columns, long[] seconds, double[][] values) {
        long[] ms = new long[seconds.length];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = seconds[i] * 1000;
        }
        return new RawSeries("test", ms, columns, values);
    }

    @Test
    void windDirectionBecomesSineAndCosinePerIntervalBeforeHolesAreFilled() {
        double nan = Double.NaN;
        // 60 s grid. Point 0: readings of 350° and 10°, whose vector mean is 0° (their plain mean, 180°, is the
        // opposite wind): sin 0, cos 1. Point 1: no reading (a hole within the tolerance). Point 2: 340°.
        // Point 3: a reading without direction (calm): 0, 0.
        RawSeries raw = series(List.of("wind_dir", "wind_speed"), new long[] {0, 20, 120, 180},
                new double[][] {{350, 5}, {10, 7}, {340, 4}, {nan, 0}});
        List<Segment> segs = new Resampler(60, 60).resample(raw, List.of("wind_dir_sin", "wind_dir_cos", "wind_speed"));
        assertEquals(1, segs.size());
        double[][] v = segs.get(0).values();
        assertEquals(0.0, v[0][0], 1e-12);
        assertEquals(1.0, v[0][1], 1e-12);
        assertEquals(6.0, v[0][2], 1e-12); // mean of 5 and 7 km/h
        // Point 1 is interpolated between the components, not the angles: sin (0 + sin 340°)/2 = −0.17101,
        // cos (1 + cos 340°)/2 = 0.96985, i.e. 350° again, where interpolating 0° and 340° would give 170°.
        assertEquals((0 + Math.sin(Math.toRadians(340))) / 2, v[1][0], 1e-12);
        assertEquals((1 + Math.cos(Math.toRadians(340))) / 2, v[1][1], 1e-12);
        assertEquals(Math.sin(Math.toRadians(340)), v[2][0], 1e-12);
        assertEquals(0.0, v[3][0]);
        assertEquals(0.0, v[3][1]);
    }

    @Test
    void aColumnWithoutValuesForLongerThanTheToleranceBreaksTheSeries() {
        double nan = Double.NaN;
        // Rows every minute 0..9; b is missing in rows 3..6 (4 points > 2-point tolerance) and in row 8 (1 point).
        long[] t = new long[10];
        double[][] v = new double[10][];
        for (int i = 0; i < 10; i++) {
            t[i] = 60L * i;
            v[i] = new double[] {i, i >= 3 && i <= 6 || i == 8 ? nan : 10 * i};
        }
        List<Segment> segs = new Resampler(60, 120).resample(series(List.of("a", "b"), t, v));
        // Rows 3..6 are left out: segments 0..2 and 7..9, the short hole at 8 interpolated (70 → 90: 80).
        assertEquals(2, segs.size());
        assertEquals(3, segs.get(0).rowCount());
        assertEquals(420, segs.get(1).startEpochSeconds());
        assertEquals(3, segs.get(1).rowCount());
        assertEquals(80.0, segs.get(1).values()[1][1], 1e-12);
        assertTrue(segs.stream().allMatch(s -> s.values()[0].length == 2));
    }
}
