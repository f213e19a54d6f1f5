package io.nowcast.runtime.station.skill;

/**
 * The periods live skill is reported over, in whole hours of the {@link SkillTable}: the hour of the
 * newest scored forecast and the hours before it.
 */
public enum SkillWindow {
    DAY("24h", 24),
    WEEK("7d", 7 * 24),
    MONTH("30d", 30 * 24);

    /** The window's name in payloads ({@code 24h}, {@code 7d}, {@code 30d}). */
    public final String word;
    /** Hourly buckets it covers. */
    public final int hours;

    SkillWindow(String word, int hours) {
        this.word = word;
        this.hours = hours;
    }
}
