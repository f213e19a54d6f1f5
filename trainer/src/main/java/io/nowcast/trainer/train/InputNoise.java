package io.nowcast.trainer.train;

import java.util.SplittableRandom;

/**
 * Training-time input augmentation, in normalized units, on a gathered chunk x [T][B][I]:
 * white noise (σ_white per value) and level noise (one offset per window and input, the same at
 * every step, σ_level), which teaches the network that the absolute level of a sensor says less
 * than its course within the window — sensor levels drift between days and seasons, and a model
 * that keys on them does not carry over.
 *
 * @param white σ of independent noise per value
 * @param level σ of a per-window, per-input constant offset
 */
public record InputNoise(double white, double level) {
    public static final InputNoise NONE = new InputNoise(0, 0);

    public boolean active() {
        return white > 0 || level > 0;
    }

    /** Adds noise to the first {@code batch} windows of x, drawing from {@code random}. */
    public void apply(float[] x, int window, int batch, int inputs, SplittableRandom random) {
        if (level > 0) {
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < inputs; k++) {
                    float offset = (float) (level * random.nextGaussian());
                    for (int t = 0; t < window; t++) {
                        x[(t * batch + b) * inputs + k] += offset;
                    }
                }
            }
        }
        if (white > 0) {
            int n = window * batch * inputs;
            for (int i = 0; i < n; i++) {
                x[i] += (float) (white * random.nextGaussian());
            }
        }
    }
}
