package io.nowcast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Expected values derived by hand from the definitions in DerivedFeature's comment. */
class DerivedFeatureTest {
    private static final double EPS = 1e-12;

    @Test
    void timeOfDayIsUtcAndPeriodic() {
        // 06:00 UTC: θ = 2π·21600/86400 = π/2 -> sin 1, cos 0.
        Instant six = Instant.parse("2026-06-21T06:00:00Z");
        assertEquals(1, DerivedFeature.TIME_OF_DAY_SIN.at(six), EPS);
        assertEquals(0, DerivedFeature.TIME_OF_DAY_COS.at(six), EPS);
        // 18:00 UTC: θ = 3π/2 -> sin -1.
        assertEquals(-1, DerivedFeature.TIME_OF_DAY_SIN.at(Instant.parse("2026-01-03T18:00:00Z")), EPS);
        // The same instant written with an offset is the same UTC time.
        assertEquals(1, DerivedFeature.TIME_OF_DAY_SIN.at(Instant.parse("2026-06-21T08:00:00+02:00")), EPS);
    }

    @Test
    void dayOfYearCountsFromZeroAndKnowsLeapYears() {
        // 1 January 00:00 UTC: θ = 0.
        assertEquals(0, DerivedFeature.DAY_OF_YEAR_SIN.at(Instant.parse("2024-01-01T00:00:00Z")), EPS);
        assertEquals(1, DerivedFeature.DAY_OF_YEAR_COS.at(Instant.parse("2024-01-01T00:00:00Z")), EPS);
        // 2023 (365 days): 2 July is day 183, d = 182, 12:00 adds 0.5 -> 182.5/365 = ½ -> cos -1.
        assertEquals(-1, DerivedFeature.DAY_OF_YEAR_COS.at(Instant.parse("2023-07-02T12:00:00Z")), EPS);
        // 2024 (366 days): 2 July is day 184, d = 183 -> 183/366 = ½ -> cos -1.
        assertEquals(-1, DerivedFeature.DAY_OF_YEAR_COS.at(Instant.parse("2024-07-02T00:00:00Z")), EPS);
    }

    @Test
    void namesAreTheDocumentedOnes() {
        assertEquals(DerivedFeature.TIME_OF_DAY_SIN, DerivedFeature.byInputName("time_of_day_sin"));
        assertEquals(DerivedFeature.DAY_OF_YEAR_COS, DerivedFeature.byInputName("day_of_year_cos"));
        assertNull(DerivedFeature.byInputName("temperature"));
    }
}
