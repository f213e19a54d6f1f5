package io.nowcast.runtime.station.skill;

/**
 * The skill of one output over one period, from the scored forecasts in it: the model's errors
 * e = forecast − observed and persistence's p = (value at window_end) − observed, on exactly the
 * same forecasts.
 *
 * @param count the forecasts scored
 * @param rmse  sqrt(Σe²/n), NaN when none
 * @param mae   Σ|e|/n
 * @param bias  Σe/n (positive: the model forecasts too high)
 * @param persistenceRmse sqrt(Σp²/n), and likewise {@code persistenceMae}, {@code persistenceBias}
 */
public record Figures(long count, double rmse, double mae, double bias, double persistenceRmse, double persistenceMae,
        double persistenceBias) {
    /**
     * From the sums of a {@link SkillTable}: {@code sums} = [n, Σe, Σ|e|, Σe², Σp, Σ|p|, Σp²].
     */
    static Figures of(double[] sums) {
        double n = sums[0];
        return new Figures((long) n, Math.sqrt(sums[3] / n), sums[2] / n, sums[1] / n, Math.sqrt(sums[6] / n), sums[5] / n,
                sums[4] / n);
    }

    /**
     * 1 − RMSE / RMSE of persistence: 1 is perfect, 0 no better than persistence, negative worse;
     * NaN when nothing is scored or persistence was exact.
     */
    public double skill() {
        return count == 0 || persistenceRmse == 0 ? Double.NaN : 1 - rmse / persistenceRmse;
    }
}
