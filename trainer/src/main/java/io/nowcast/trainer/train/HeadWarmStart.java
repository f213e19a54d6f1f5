package io.nowcast.trainer.train;

import io.nowcast.trainer.linalg.NormalEquations;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.nn.TransposedWeights;
import io.nowcast.trainer.nn.Workspace;
import java.util.SplittableRandom;

/**
 * Before the first epoch, sets the dense head to the ridge least-squares fit of the targets on the
 * untrained network's last hidden states (the readout of an echo-state network: Jaeger, 2001).
 * With chrono-initialised gates the untrained cells are moving averages of random projections of
 * the input over many time spans (and a {@link io.nowcast.trainer.nn.LinearPath}'s units are
 * moving averages of each input), so this starts training from a good linear forecaster instead of
 * a random one, and gradient descent only has to improve on it. The windows get the same input
 * noise as in training, so the fit minimises the loss that training goes on to minimise.
 */
final class HeadWarmStart {
    /**
     * λ relative to each feature's Σx² ({@link NormalEquations#solveRelative}): enough to keep the
     * solve well conditioned, small enough not to bias the fit. Relative, because a linear path's
     * features (moving averages of a·x with a = 0.05, and their differences) are far smaller than
     * the random units': a penalty per example would shrink exactly the trend features most.
     */
    static final double LAMBDA = 1e-4;

    private HeadWarmStart() {
    }

    static void fit(LstmNetwork network, float[] theta, TrainingData train, int chunk, InputNoise noise, long seed) {
        LstmShape shape = network.shape();
        int hidden = shape.lastHidden();
        int outputs = shape.outputCount();
        NormalEquations equations = new NormalEquations(hidden + 1, outputs);
        TransposedWeights tw = new TransposedWeights(shape);
        tw.refresh(theta);
        Workspace ws = new Workspace(shape, network.window(), chunk);
        int[] order = Trainer.identity(train.size());
        float[] targets = new float[chunk * outputs];
        double[] x = new double[hidden + 1];
        double[] y = new double[outputs];
        SplittableRandom random = new SplittableRandom(seed).split(); // a stream apart from training's
        for (int from = 0; from < train.size(); from += chunk) {
            int b = Math.min(chunk, train.size() - from);
            train.gather(order, from, b, ws.input(), targets);
            if (noise.active()) {
                noise.apply(ws.input(), train.window(), b, train.inputCount(), random);
            }
            network.forward(theta, tw, ws, b);
            for (int k = 0; k < b; k++) {
                network.lastHidden(ws, b, k, x);
                x[hidden] = 1;
                for (int o = 0; o < outputs; o++) {
                    y[o] = targets[k * outputs + o];
                }
                equations.add(x, y);
            }
        }
        double[][] w = equations.solveRelative(LAMBDA);
        for (int o = 0; o < outputs; o++) {
            for (int k = 0; k < hidden; k++) {
                theta[shape.offHeadW() + o * hidden + k] = (float) w[o][k];
            }
            theta[shape.offHeadB() + o] = (float) w[o][hidden];
        }
    }
}
