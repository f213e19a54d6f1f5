package io.nowcast.runtime.station.update;

import io.nowcast.history.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * When a model taken over the air is rolled back by itself: once it has run for {@code period} and
 * has at least {@code minForecasts} scored forecasts on each output it shares with the model before
 * it (same output name), its RMSE over that period is compared with the old model's RMSE over the
 * same length of time before the swap, output by output; when the mean of the ratios new/old is
 * above 1 (worse on the whole), it is rolled back, else kept for good. Pure: the figures come from
 * the station's live skill.
 *
 * @param period       how long the new model runs before it is judged
 * @param minForecasts scored forecasts each side needs per output for its RMSE to count
 */
public record RollbackRule(Duration period, long minForecasts) {
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    public static final long DEFAULT_MIN_FORECASTS = 24;

    public RollbackRule {
        if (period.isNegative() || period.isZero() || minForecasts < 1) {
            throw new IllegalArgumentException("period " + period + " and minForecasts " + minForecasts
                    + " must be positive");
        }
    }

    public enum Verdict {
        /** Not yet: too soon, or too few scored forecasts. */
        WAIT,
        /** The new model stays (final). */
        KEEP,
        /** Go back to the previous model (final). */
        ROLL_BACK
    }

    /** The verdict and one line saying why, with the figures. */
    public record Decision(Verdict verdict, String reason) {
    }

    /**
     * One output both models forecast.
     *
     * @param newRmse  the new model's RMSE over its first {@code period}, in the output's unit
     * @param newCount forecasts behind it
     * @param oldRmse  the old model's RMSE over {@code period} before the swap
     * @param oldCount forecasts behind it
     */
    public record OutputSkill(String output, double newRmse, long newCount, double oldRmse, long oldCount) {
    }

    /**
     * @param running how long the new model has run
     * @param outputs the outputs both models forecast
     */
    public Decision decide(Duration running, List<OutputSkill> outputs) {
        if (running.compareTo(period) < 0) {
            return new Decision(Verdict.WAIT, "the new model has run " + Durations.format(running) + " of "
                    + Durations.format(period));
        }
        double sum = 0;
        int compared = 0;
        StringBuilder figures = new StringBuilder();
        for (OutputSkill o : outputs) {
            if (o.oldCount() < minForecasts || !Double.isFinite(o.oldRmse())) {
                continue; // nothing to compare with
            }
            if (o.newCount() < minForecasts) {
                return new Decision(Verdict.WAIT, o.output() + ": " + o.newCount() + " of " + minForecasts
                        + " scored forecasts of the new model");
            }
            double ratio = o.oldRmse() > 0 ? o.newRmse() / o.oldRmse() : o.newRmse() > 0 ? Double.POSITIVE_INFINITY : 1;
            sum += ratio;
            compared++;
            figures.append(figures.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s RMSE %.4g (was %.4g)",
                    o.output(), o.newRmse(), o.oldRmse()));
        }
        if (compared == 0) {
            return new Decision(Verdict.KEEP, "no output with " + minForecasts + " scored forecasts of the old model "
                    + "to compare with");
        }
        double mean = sum / compared;
        String why = String.format(Locale.ROOT, "mean RMSE ratio new/old %.3f over %s: %s", mean,
                Durations.format(period), figures);
        return mean > 1 ? new Decision(Verdict.ROLL_BACK, why) : new Decision(Verdict.KEEP, why);
    }
}
