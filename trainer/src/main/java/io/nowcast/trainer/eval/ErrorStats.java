package io.nowcast.trainer.eval;

/** Running RMSE and MAE of forecasts against actual values. */
public final class ErrorStats {
    private double squared;
    private double absolute;
    private long count;

    public void add(double forecast, double actual) {
        double e = forecast - actual;
        squared += e * e;
        absolute += Math.abs(e);
        count++;
    }

    public double rmse() {
        return Math.sqrt(squared / count);
    }

    public double mae() {
        return absolute / count;
    }

    public long count() {
        return count;
    }
}
