package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.update.RollbackRule.OutputSkill;
import io.nowcast.runtime.station.update.RollbackRule.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackRuleTest {
    private final RollbackRule rule = new RollbackRule(Duration.ofHours(24), 10);
    private final Duration day = Duration.ofHours(24);

    @Test
    void waitsForThePeriodAndForEnoughForecasts() {
        List<OutputSkill> worse = List.of(new OutputSkill("t_1h", 2.0, 144, 1.0, 144));
        assertEquals(Verdict.WAIT, rule.decide(Duration.ofHours(23), worse).verdict());
        assertEquals(Verdict.WAIT, rule.decide(day, List.of(new OutputSkill("t_1h", 2.0, 9, 1.0, 144))).verdict());
        assertEquals(Verdict.ROLL_BACK, rule.decide(day, worse).verdict());
    }

    @Test
    void comparesTheMeanRatioOverSharedOutputs() {
        // ratios 1.2 and 0.7: mean 0.95, better on the whole -> kept
        RollbackRule.Decision keep = rule.decide(day, List.of(new OutputSkill("t_1h", 1.2, 50, 1.0, 50),
                new OutputSkill("h_1h", 3.5, 50, 5.0, 50)));
        assertEquals(Verdict.KEEP, keep.verdict());
        assertTrue(keep.reason().startsWith("mean RMSE ratio new/old 0.950"), keep.reason());
        // ratios 1.2 and 0.9: mean 1.05 -> rolled back
        assertEquals(Verdict.ROLL_BACK, rule.decide(day, List.of(new OutputSkill("t_1h", 1.2, 50, 1.0, 50),
                new OutputSkill("h_1h", 4.5, 50, 5.0, 50))).verdict());
        // equal is not worse
        assertEquals(Verdict.KEEP, rule.decide(day, List.of(new OutputSkill("t_1h", 1.0, 50, 1.0, 50))).verdict());
    }

    @Test
    void anOldModelWithoutFiguresCannotBeBeaten() {
        RollbackRule.Decision d = rule.decide(day, List.of(new OutputSkill("t_1h", 9.0, 50, Double.NaN, 0)));
        assertEquals(Verdict.KEEP, d.verdict());
        assertEquals(Verdict.ROLL_BACK, rule.decide(day, List.of(new OutputSkill("t_1h", 0.1, 50, 0.0, 50))).verdict());
    }
}
