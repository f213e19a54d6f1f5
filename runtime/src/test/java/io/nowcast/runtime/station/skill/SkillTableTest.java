package io.nowcast.runtime.station.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The running totals of the 24 h, 7 d and 30 d windows against the windows summed from the rows
 * after every score, over 75 days of scores every 10 minutes with gaps of hours and of days and
 * late scores: the same up to rounding (the totals take leaving rows off instead of summing again).
 */
class SkillTableTest {
    @Test
    void theRunningTotalsEqualTheWindowsSummedFromTheRows() {
        SkillTable t = new SkillTable(2);
        SplittableRandom rnd = new SplittableRandom(11);
        double[] running = new double[SkillTable.SUMS + 1];
        double[] summed = new double[SkillTable.SUMS + 1];
        long time = 1_772_323_200L;
        for (int i = 0; i < 75 * 144; i++) {
            time += rnd.nextInt(100) == 0 ? rnd.nextLong(3600, 4 * 86_400) : 600; // now and then a gap
            long scored = rnd.nextInt(50) == 0 ? time - rnd.nextLong(0, 20 * 86_400) : time; // now and then late
            int k = rnd.nextInt(2);
            t.add(k, scored, rnd.nextGaussian() * 2, rnd.nextGaussian() * 3 + 1);
            for (SkillWindow w : SkillWindow.values()) {
                for (int o = 0; o < 2; o++) {
                    t.window(o, w, running);
                    t.sum(o, w.hours, summed);
                    assertEquals(summed[0], running[0], w + " count");
                    for (int j = 1; j <= SkillTable.SUMS; j++) {
                        assertEquals(summed[j], running[j], 1e-9 * Math.max(1, Math.abs(summed[j])), w + " sum " + j);
                    }
                }
            }
        }
    }
}
