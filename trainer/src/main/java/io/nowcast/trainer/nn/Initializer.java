package io.nowcast.trainer.nn;

import java.util.SplittableRandom;

/**
 * Starting weights from a seed: every weight uniform in ±1/√H of its layer (the usual LSTM
 * initialisation, as in PyTorch's nn.LSTM), biases zero except the forget gate's, which start at 1
 * so that the cell remembers from the first epoch (Jozefowicz et al., 2015).
 */
public final class Initializer {
    private Initializer() {
    }

    public static float[] initialParameters(LstmShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] theta = new float[shape.size()];
        for (int l = 0; l < shape.layers(); l++) {
            int hl = shape.hidden(l);
            float bound = (float) (1 / Math.sqrt(hl));
            for (int i = shape.offW(l); i < shape.offB(l); i++) {
                theta[i] = (float) random.nextDouble(-bound, bound);
            }
            for (int j = hl; j < 2 * hl; j++) {
                theta[shape.offB(l) + j] = 1f;
            }
        }
        float bound = (float) (1 / Math.sqrt(shape.lastHidden()));
        for (int i = shape.offHeadW(); i < shape.offHeadB(); i++) {
            theta[i] = (float) random.nextDouble(-bound, bound);
        }
        return theta;
    }
}
