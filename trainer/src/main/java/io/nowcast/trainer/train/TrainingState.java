package io.nowcast.trainer.train;

import io.nowcast.trainer.nn.Adam;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything training needs to continue where it stopped: weights, optimiser moments, the best
 * weights so far, the schedule's position and the loss history. Saved after every epoch.
 */
public final class TrainingState {
    final float[] theta; // current θ
    final Adam adam;
    final float[] average; // θ̄, the moving average of θ (left at the initial θ when averaging is off)
    float[] best; // the weights (θ, or θ̄ when averaging) with the lowest validation loss so far
    double bestValidationLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    int epochsDone;
    int epochsWithoutImprovement;
    double learningRate;
    final List<Double> trainLoss = new ArrayList<>(); // mean squared error per epoch, normalized units
    final List<Double> validationLoss = new ArrayList<>();
    final List<Double> learningRates = new ArrayList<>();

    TrainingState(float[] theta, Adam adam, double learningRate) {
        this.theta = theta;
        this.average = theta.clone();
        this.adam = adam;
        this.best = theta.clone();
        this.learningRate = learningRate;
    }

    /** θ̄ ← d·θ̄ + (1−d)·θ after a step; nothing when d = 0. */
    void updateAverage(double decay) {
        if (decay > 0) {
            float d = (float) decay;
            for (int i = 0; i < theta.length; i++) {
                average[i] = d * average[i] + (1 - d) * theta[i];
            }
        }
    }

    /** The weights that are validated and exported: θ̄ when averaging, else θ. */
    float[] judged(double decay) {
        return decay > 0 ? average : theta;
    }

    public float[] bestParameters() {
        return best.clone();
    }

    public double bestValidationLoss() {
        return bestValidationLoss;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public List<Double> trainLoss() {
        return List.copyOf(trainLoss);
    }

    public List<Double> validationLoss() {
        return List.copyOf(validationLoss);
    }

    public List<Double> learningRates() {
        return List.copyOf(learningRates);
    }
}
