package io.nowcast.runtime.station.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.testing.AllocationMeter;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the skill bookkeeping of an interval (scoring the forecasts due, judging the model
 * against persistence, writing the changed row to its file and forcing it, registering the new
 * forecast) allocates nothing in steady state, measured with the thread's allocation counter.
 */
class SkillAllocationTest {
    private static final long DT = 600;

    @TempDir
    Path dir;

    @Test
    void anIntervalsSkillBookkeepingAllocatesNothing() throws Exception {
        ModelInfo info = TestModels.info(TestModels.weather(3, DT));
        try (LiveSkill skill = LiveSkill.open(dir, "garden", info, TestModels.CHANNELS, new SkillSettings(true, 5))) {
            double[] measured = new double[3];
            double[] used = new double[3];
            float[] outputs = new float[2];
            long[] t = {1_772_323_200L};
            Runnable intervals = () -> {
                for (int i = 0; i < 50; i++) {
                    t[0] += DT;
                    measured[0] = 10 + Math.sin(t[0] / 5000.0);
                    measured[1] = 70 + Math.cos(t[0] / 7000.0);
                    measured[2] = 1013;
                    System.arraycopy(measured, 0, used, 0, 3);
                    try {
                        skill.observed(t[0], measured);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    outputs[0] = (float) measured[0] + 0.1f;
                    outputs[1] = (float) measured[1] - 0.2f;
                    skill.forecastMade(t[0], outputs, used);
                    skill.publishesPersistence(0);
                    skill.worse(1);
                }
            };
            AllocationMeter.warmUp(intervals, Duration.ofSeconds(2), 5, Duration.ofSeconds(60));
            long bytes = AllocationMeter.fewestBytes(3, intervals);
            assertEquals(0, bytes, "bytes allocated by 50 intervals of skill bookkeeping, the fewest of 3 rounds");
            assertTrue(skill.record().figures(0, SkillWindow.MONTH).count() > 100, "forecasts were scored");
            assertTrue(skill.record().durable(), "and written to the file");
        }
    }
}
