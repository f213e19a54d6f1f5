package io.nowcast.trainer.train;

import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LinearPath;
import java.util.Arrays;

/**
 * How to train: network size, activation pair, optimiser and stopping rules.
 *
 * @param hidden       H of each LSTM layer
 * @param batch        examples per mini-batch
 * @param chunk        examples per unit of parallel work; fixed so that results do not depend on threads
 * @param epochs       at most this many passes over the training examples
 * @param learningRate Adam's α at the start
 * @param lrDecay      α is multiplied by this after {@code lrPatience} epochs without a better validation loss
 * @param patience     training stops after this many epochs without a better validation loss
 * @param clipNorm     the gradient is scaled down to this global L2 norm when longer
 * @param weightDecay  L2 penalty: λ·θ is added to the gradient of every weight (not the biases)
 * @param averageDecay d of an exponential moving average of θ after every step, θ̄ ← d·θ̄ + (1−d)·θ
 *                     (Polyak averaging); validation, early stopping and export then use θ̄. 0: off
 * @param inputNoise   augmentation of the normalized training inputs, a regulariser
 * @param headWarmStart fit the dense head by least squares on the untrained features before epoch 1
 * @param linearPath   moving-average units that start as a linear path from the inputs to the head
 * @param seed         initial weights, example order and input noise
 * @param threads      worker threads (does not change the result)
 */
public record TrainingConfig(int[] hidden, ActivationPair activations, int batch, int chunk, int epochs,
        double learningRate, double lrDecay, int lrPatience, int patience, double clipNorm, double weightDecay,
        double averageDecay, InputNoise inputNoise, boolean headWarmStart, LinearPath linearPath, long seed, int threads) {
    public TrainingConfig {
        hidden = hidden.clone();
        if (batch < 1 || chunk < 1 || epochs < 1 || threads < 1 || !(learningRate > 0) || !(lrDecay > 0)
                || lrPatience < 1 || patience < 1 || !(clipNorm > 0) || !(weightDecay >= 0) || !(averageDecay >= 0 && averageDecay < 1) || !(inputNoise.white() >= 0) || !(inputNoise.level() >= 0)) {
            throw new IllegalArgumentException("batch, chunk, epochs, threads, patience and rates must be positive,"
                    + " the average's decay in [0, 1)");
        }
    }

    /** This configuration with other layer sizes and activations (one run of a size study). */
    public TrainingConfig with(int[] otherHidden, ActivationPair otherActivations) {
        return new TrainingConfig(otherHidden, otherActivations, batch, chunk, epochs, learningRate, lrDecay, lrPatience,
                patience, clipNorm, weightDecay, averageDecay, inputNoise, headWarmStart, linearPath, seed, threads);
    }

    /** What must match for a checkpoint to be resumed with this configuration (threads may differ). */
    public String fingerprint() {
        return "H=" + Arrays.toString(hidden) + " act=" + activations.cell() + "/" + activations.gate() + " batch=" + batch
                + " chunk=" + chunk + " lr=" + learningRate + " decay=" + lrDecay + "/" + lrPatience + " patience="
                + patience + " clip=" + clipNorm + " wd=" + weightDecay + " ema=" + averageDecay + " noise=" + inputNoise.white() + "/" + inputNoise.level() + " warm=" + headWarmStart + linearPathText(" linear=") + " seed=" + seed;
    }

    /** One line for reports and the model's description. */
    public String summary() {
        return "LSTM " + Arrays.toString(hidden) + ", " + activations.cell().name().toLowerCase() + "/"
                + activations.gate().name().toLowerCase().replace('_', '-') + ", Adam lr " + learningRate + " (x" + lrDecay
                + " after " + lrPatience + " flat epochs), batch " + batch + ", clip " + clipNorm + ", weight decay " + weightDecay
                + (averageDecay > 0 ? ", weights averaged (decay " + averageDecay + ")" : "")
                + ", input noise " + inputNoise.white() + " white, " + inputNoise.level() + " level"
                + (headWarmStart ? ", head warm-started by least squares" : "") + linearPathText(", linear path with time constants ")
                + ", at most " + epochs
                + " epochs, early stop after " + patience + ", seed " + seed;
    }

    /** The time constants after {@code label}, or nothing when there is no linear path (as before it existed). */
    private String linearPathText(String label) {
        return linearPath.timeConstants().length == 0 ? "" : label + Arrays.toString(linearPath.timeConstants());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && c.fingerprint().equals(fingerprint()) && c.epochs == epochs
                && c.threads == threads;
    }

    @Override
    public int hashCode() {
        return fingerprint().hashCode();
    }

    @Override
    public String toString() {
        return fingerprint() + " epochs=" + epochs + " threads=" + threads;
    }
}
