package io.nowcast.trainer.train;

import io.nowcast.trainer.nn.Adam;
import io.nowcast.trainer.nn.Initializer;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.nn.TransposedWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training with Adam: examples shuffled each epoch (from the seed and the epoch number,
 * so a resumed run shuffles as the uninterrupted one would), the gradient clipped to a global norm,
 * validation loss after every epoch, the learning rate cut on a plateau, early stopping, and a
 * checkpoint after every epoch.
 */
public final class Trainer {
    private final LstmNetwork network;
    private final TrainingConfig config;

    public Trainer(LstmNetwork network, TrainingConfig config) {
        this.network = network;
        this.config = config;
    }

    /**
     * A fresh state: initial weights from the seed, and (when configured) the dense head fitted to
     * the untrained network's features on {@code train} ({@link HeadWarmStart}).
     */
    public TrainingState start(TrainingData train) {
        LstmShape shape = network.shape();
        float[] theta = Initializer.initialParameters(shape, config.activations().gate(), network.window(), config.seed(),
                config.linearPath());
        if (config.headWarmStart()) {
            HeadWarmStart.fit(network, theta, train, config.chunk(), config.inputNoise(), config.seed());
        }
        return new TrainingState(theta, new Adam(shape.size()), config.learningRate());
    }

    /**
     * Trains until the epoch budget is spent, early stopping triggers, or {@code stop} says so
     * (checked between mini-batches; the epoch in progress is then dropped, the state stays as the
     * last checkpoint has it).
     *
     * @param checkpoint where to save the state after every epoch, or null
     * @return true when training ended by itself, false when stopped
     */
    public boolean train(TrainingState s, TrainingData train, TrainingData validation, TrainingListener listener,
            BooleanSupplier stop, Path checkpoint) throws IOException {
        LstmShape shape = network.shape();
        TransposedWeights tw = new TransposedWeights(shape);
        float[] grad = new float[shape.size()];
        int n = train.size();
        long batchesPerEpoch = (n + config.batch() - 1) / config.batch();
        long totalBatches = batchesPerEpoch * (config.epochs() - s.epochsDone);
        long batchesDone = 0;
        int[] validationOrder = identity(validation.size());
        try (ParallelGradient parallel = new ParallelGradient(network, config.batch(), config.chunk(), config.threads())) {
            while (s.epochsDone < config.epochs() && s.epochsWithoutImprovement < config.patience()) {
                int epoch = s.epochsDone;
                int[] order = shuffled(n, config.seed(), epoch);
                float[] epochStart = s.theta.clone();
                float[] averageStart = s.average.clone();
                float[][] adamStart = {s.adam.firstMoment().clone(), s.adam.secondMoment().clone()};
                long adamStepStart = s.adam.step();
                double sse = 0;
                long seen = 0;
                tw.refresh(s.theta);
                for (int from = 0; from < n; from += config.batch()) {
                    if (stop.getAsBoolean()) {
                        System.arraycopy(epochStart, 0, s.theta, 0, epochStart.length);
                        System.arraycopy(averageStart, 0, s.average, 0, averageStart.length);
                        s.adam.restore(adamStart[0], adamStart[1], adamStepStart);
                        return false;
                    }
                    int count = Math.min(config.batch(), n - from);
                    sse += parallel.gradient(s.theta, tw, train, order, from, count, grad, config.inputNoise(),
                            config.seed() + 7919L * epoch);
                    seen += count;
                    addWeightDecay(shape, grad, s.theta, (float) config.weightDecay());
                    clip(grad, config.clipNorm());
                    s.adam.update(s.theta, grad, s.learningRate);
                    s.updateAverage(config.averageDecay());
                    tw.refresh(s.theta);
                    listener.batchDone(epoch, ++batchesDone, totalBatches, sse / (seen * train.outputCount()));
                }
                double trainLoss = sse / ((double) n * train.outputCount());
                float[] judged = s.judged(config.averageDecay());
                tw.refresh(judged);
                double validationLoss = meanLoss(parallel, tw, judged, validation, validationOrder);
                s.trainLoss.add(trainLoss);
                s.validationLoss.add(validationLoss);
                s.learningRates.add(s.learningRate);
                boolean improved = validationLoss < s.bestValidationLoss;
                if (improved) {
                    s.bestValidationLoss = validationLoss;
                    s.bestEpoch = epoch;
                    s.best = judged.clone();
                    s.epochsWithoutImprovement = 0;
                } else {
                    s.epochsWithoutImprovement++;
                    if (s.epochsWithoutImprovement % config.lrPatience() == 0) {
                        s.learningRate *= config.lrDecay();
                    }
                }
                s.epochsDone++;
                if (checkpoint != null) {
                    Checkpoint.write(s, config, checkpoint);
                }
                listener.epochDone(epoch, trainLoss, validationLoss, s.learningRates.get(epoch), improved);
            }
        }
        return true;
    }

    /** Mean squared error per output over all examples of {@code data} (normalized units). */
    public double meanLoss(float[] theta, TrainingData data) {
        TransposedWeights tw = new TransposedWeights(network.shape());
        tw.refresh(theta);
        try (ParallelGradient parallel = new ParallelGradient(network, config.batch(), config.chunk(), config.threads())) {
            return meanLoss(parallel, tw, theta, data, identity(data.size()));
        }
    }

    private double meanLoss(ParallelGradient parallel, TransposedWeights tw, float[] theta, TrainingData data, int[] order) {
        double sse = 0;
        for (int from = 0; from < data.size(); from += parallel.capacity()) {
            sse += parallel.loss(theta, tw, data, order, from, Math.min(parallel.capacity(), data.size() - from));
        }
        return sse / ((double) data.size() * data.outputCount());
    }

    /**
     * g += λ·θ on the weights W, U and Wy; biases are left alone (their starting values carry the
     * gates' time constants). Skipped when λ = 0.
     */
    static void addWeightDecay(LstmShape shape, float[] g, float[] theta, float lambda) {
        if (lambda > 0) {
            for (int l = 0; l < shape.layers(); l++) {
                decay(g, theta, lambda, shape.offW(l), shape.offB(l));
            }
            decay(g, theta, lambda, shape.offHeadW(), shape.offHeadB());
        }
    }

    private static void decay(float[] g, float[] theta, float lambda, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += lambda * theta[i];
        }
    }

    /** Scales g down to L2 norm {@code maxNorm} when it is longer (norm summed in double, in index order). */
    static void clip(float[] g, double maxNorm) {
        double sq = 0;
        for (float v : g) {
            sq += (double) v * v;
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float f = (float) (maxNorm / norm);
            for (int i = 0; i < g.length; i++) {
                g[i] *= f;
            }
        }
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** A Fisher–Yates shuffle of 0..n-1 seeded by (seed, epoch). */
    static int[] shuffled(int n, long seed, int epoch) {
        int[] a = identity(n);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
