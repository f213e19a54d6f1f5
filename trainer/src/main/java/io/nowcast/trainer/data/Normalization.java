package io.nowcast.trainer.data;

/**
 * Means and standard deviations that turn raw values into model units, x' = (x − mean) / std,
 * fitted on the training split only. A constant column gets std 1.
 *
 * @param inputMean  [I]
 * @param inputStd   [I]
 * @param targetMean [O], of what the output is trained on (the value, or its change)
 * @param targetStd  [O]
 */
public record Normalization(double[] inputMean, double[] inputStd, double[] targetMean, double[] targetStd) {
    /** Fitted on every input row of the training segments and every training example's target. */
    public static Normalization fit(WindowSet train) {
        int inputCount = train.spec().inputs().size();
        int outputCount = train.spec().targets().size();
        double[] inSum = new double[inputCount];
        double[] inSq = new double[inputCount];
        long rows = 0;
        for (FeatureSegment seg : train.segments()) {
            for (double[] row : seg.inputs()) {
                for (int k = 0; k < inputCount; k++) {
                    inSum[k] += row[k];
                    inSq[k] += row[k] * row[k];
                }
                rows++;
            }
        }
        double[] outSum = new double[outputCount];
        double[] outSq = new double[outputCount];
        for (int s = 0; s < train.size(); s++) {
            for (int o = 0; o < outputCount; o++) {
                double y = train.rawTarget(s, o);
                outSum[o] += y;
                outSq[o] += y * y;
            }
        }
        if (train.size() == 0) {
            throw new DataException("the training split has no complete window (window " + train.spec().window()
                    + " steps + horizon " + train.spec().maxHorizonSteps() + " steps); give more data or a shorter window");
        }
        double[][] in = meanStd(inSum, inSq, rows);
        double[][] out = meanStd(outSum, outSq, train.size());
        return new Normalization(in[0], in[1], out[0], out[1]);
    }

    private static double[][] meanStd(double[] sum, double[] sq, long n) {
        double[] mean = new double[sum.length];
        double[] std = new double[sum.length];
        for (int k = 0; k < sum.length; k++) {
            mean[k] = sum[k] / n;
            double var = Math.max(0, sq[k] / n - mean[k] * mean[k]);
            double sd = Math.sqrt(var);
            // float32 is what the file keeps: round here so that training sees the exported scaling.
            mean[k] = (float) mean[k];
            std[k] = sd > 1e-12 * Math.max(1, Math.abs(mean[k])) ? (float) sd : 1.0;
        }
        return new double[][] {mean, std};
    }
}
