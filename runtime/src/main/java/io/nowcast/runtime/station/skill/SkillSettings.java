package io.nowcast.runtime.station.skill;

/**
 * What the station does with its live skill ({@code model.fallback}, {@code skill.min_scored}).
 *
 * @param fallbackToPersistence publish persistence's forecast for an output whose model is worse
 *                              than persistence ({@code model.fallback = persistence})
 * @param minScored             forecasts of an output scored in the last 7 days before the model can
 *                              be called worse than persistence
 */
public record SkillSettings(boolean fallbackToPersistence, int minScored) {
    public static final int DEFAULT_MIN_SCORED = 100;
    /** Skill kept and published, the model's forecasts published whatever its skill. */
    public static final SkillSettings DEFAULT = new SkillSettings(false, DEFAULT_MIN_SCORED);

    public SkillSettings {
        if (minScored < 1) {
            throw new IllegalArgumentException("minScored " + minScored + " must be at least 1");
        }
    }
}
