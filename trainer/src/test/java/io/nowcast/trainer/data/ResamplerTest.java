package io.nowcast.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
