package io.nowcast.trainer.nn;

import io.nowcast.engine.model.GateActivation;
import java.util.SplittableRandom;

/**
 * Starting weights from a seed. Every weight is uniform in ±1/√H of its layer (the usual LSTM
 * initialisation, as in PyTorch's nn.LSTM). Biases follow "chrono" initialisation (Tallec and
 * Ollivier, "Can recurrent neural networks warp time?", ICLR 2018): each unit's forget gate starts
 * at f = u/(1+u) with u uniform in [1, T−1], i.e. a memory time constant u between 1 step and the
 * window, and its input gate at 1 − f; the bias that gives this f is computed through the
 * inverse of the model's own gate activation. The other biases are zero. A spread of time
 * constants makes the untrained cells a bank of moving averages of the input over different spans,
 * from which trends (differences of averages) are one linear layer away. A {@link LinearPath}, when
 * given, then overwrites the units it takes.
 */
public final class Initializer {
    private Initializer() {
    }

    public static float[] initialParameters(LstmShape shape, GateActivation gate, int window, long seed,
            LinearPath linearPath) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] theta = new float[shape.size()];
        double maxSpan = Math.max(2, window - 1);
        for (int l = 0; l < shape.layers(); l++) {
            int hl = shape.hidden(l);
            float bound = (float) (1 / Math.sqrt(hl));
            for (int i = shape.offW(l); i < shape.offB(l); i++) {
                theta[i] = (float) random.nextDouble(-bound, bound);
            }
            for (int j = 0; j < hl; j++) {
                double u = random.nextDouble(1, maxSpan);
                double f = u / (1 + u);
                theta[shape.offB(l) + hl + j] = (float) inverse(gate, f); // forget gate
                theta[shape.offB(l) + j] = (float) inverse(gate, 1 - f); // input gate
            }
        }
        float bound = (float) (1 / Math.sqrt(shape.lastHidden()));
        for (int i = shape.offHeadW(); i < shape.offHeadB(); i++) {
            theta[i] = (float) random.nextDouble(-bound, bound);
        }
        linearPath.apply(theta, shape, gate);
        return theta;
    }

    /**
     * x with σ(x) = y, 0 < y < 1. Logistic: ln(y/(1−y)). ISRU-sigmoid: with v = 2y − 1 = x/√(4+x²),
     * x = 2v/√(1−v²).
     */
    static double inverse(GateActivation gate, double y) {
        return switch (gate) {
            case SIGMOID -> Math.log(y / (1 - y));
            case ISRU_SIGMOID -> {
                double v = 2 * y - 1;
                yield 2 * v / Math.sqrt(1 - v * v);
            }
        };
    }
}
