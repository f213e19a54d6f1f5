package io.nowcast.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LinearPath;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final int T = 12;
    private static final int HORIZON = 4;

    /**
     * A noisy sine of period 20 steps; the target is its value 4 steps after the window. Targets are
     * standardised, so a model that ignores its inputs cannot get a mean squared error much below 1
     * (the variance); the noise alone (σ 0.05 on an amplitude of 1, i.e. ~0.005 in these units) is
     * the floor.
     */
    static TrainingData sine(int examples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = examples + T + HORIZON;
        float[] series = new float[rows];
        double phase = random.nextDouble(0, 2 * Math.PI);
        for (int r = 0; r < rows; r++) {
            series[r] = (float) (Math.sin(2 * Math.PI * r / 20 + phase) + 0.05 * random.nextGaussian());
        }
        int[] seg = new int[examples];
        int[] end = new int[examples];
        float[] y = new float[examples];
        for (int i = 0; i < examples; i++) {
            end[i] = T - 1 + i;
            y[i] = series[end[i] + HORIZON] / (float) Math.sqrt(0.5); // sin has variance ½
        }
        float[] xs = new float[rows];
        for (int r = 0; r < rows; r++) {
            xs[r] = series[r] / (float) Math.sqrt(0.5);
        }
        return new TrainingData(T, 1, 1, new float[][] {xs}, seg, end, y);
    }

    static TrainingConfig config(ActivationPair pair, int threads, int epochs) {
        return config(pair, threads, epochs, 0);
    }

    static TrainingConfig config(ActivationPair pair, int threads, int epochs, double averageDecay) {
        return new TrainingConfig(new int[] {8}, pair, 16, 4, epochs, 0.02, 0.5, 3, 10, 1.0, 0, averageDecay, InputNoise.NONE,
                false, LinearPath.NONE, 11, threads);
    }

    @Test
    void learnsANoisySineFarBelowChance() throws Exception {
        for (ActivationPair pair : new ActivationPair[] {ActivationPair.TANH_SIGMOID, ActivationPair.ISRU}) {
            LstmNetwork net = new LstmNetwork(new LstmShape(1, new int[] {8}, 1), pair, T);
            Trainer trainer = new Trainer(net, config(pair, 1, 15));
            TrainingData val = sine(200, 2);
            TrainingState s = trainer.start(sine(400, 1));
            double before = trainer.meanLoss(s.theta, val);
            trainer.train(s, sine(400, 1), val, TrainingListener.SILENT, () -> false, null);
            double after = trainer.meanLoss(s.bestParameters(), val);
            assertTrue(before > 0.3, pair.label() + ": the untrained loss " + before + " should be near chance (~1)");
            assertTrue(after < 0.05, pair.label() + ": validation MSE " + after + " after training; chance is ~1");
        }
    }

    @Test
    void sameResultAtAnyThreadCountAndOnRepeat() throws Exception {
        float[][] results = new float[3][];
        int[] threads = {1, 3, 1};
        for (int i = 0; i < 3; i++) {
            LstmNetwork net = new LstmNetwork(new LstmShape(1, new int[] {8, 5}, 1), ActivationPair.ISRU, T);
            // with input noise, weight decay and averaging, whose random draws and sums must not depend on threads either
            TrainingConfig c = new TrainingConfig(new int[] {8, 5}, ActivationPair.ISRU, 16, 4, 2, 0.02, 0.5, 3, 10, 1.0,
                    1e-3, 0.9, new InputNoise(0.1, 0.2), true, LinearPath.NONE, 11, threads[i]);
            Trainer trainer = new Trainer(net, c);
            TrainingState s = trainer.start(sine(150, 1));
            trainer.train(s, sine(150, 1), sine(50, 2), TrainingListener.SILENT, () -> false, null);
            results[i] = s.bestParameters();
        }
        assertArrayEquals(results[0], results[1], "1 thread vs 3 threads");
        assertArrayEquals(results[0], results[2], "run vs repeat");
    }

    @Test
    void withAveragingTheMovingAverageOfTheWeightsIsValidatedAndKept() throws Exception {
        LstmNetwork net = new LstmNetwork(new LstmShape(1, new int[] {6}, 1), ActivationPair.ISRU, T);
        Trainer trainer = new Trainer(net, config(ActivationPair.ISRU, 1, 1, 0.9));
        TrainingData train = sine(120, 1);
        TrainingData val = sine(40, 2);
        TrainingState s = trainer.start(train);
        // The average, in double from θ after each step: θ̄_0 = θ_0, θ̄_k = 0.9·θ̄_(k−1) + 0.1·θ_k.
        double[] expected = new double[s.theta.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = s.theta[i];
        }
        TrainingListener following = new TrainingListener() {
            @Override
            public void batchDone(int epoch, long done, long total, double loss) {
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = 0.9 * expected[i] + 0.1 * s.theta[i];
                }
            }

            @Override
            public void epochDone(int epoch, double tl, double vl, double lr, boolean improved) {
            }
        };
        trainer.train(s, train, val, following, () -> false, null);
        float[] kept = s.bestParameters();
        double largest = 0;
        boolean thetaDiffers = false;
        for (int i = 0; i < kept.length; i++) {
            largest = Math.max(largest, Math.abs(kept[i] - expected[i]));
            thetaDiffers |= kept[i] != s.theta[i];
        }
        assertTrue(largest < 1e-5, "kept weights differ from the moving average by " + largest);
        assertTrue(thetaDiffers, "the kept weights are the last step's, not their average");
        assertEquals(trainer.meanLoss(kept, val), s.bestValidationLoss(), 0.0);
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
        // with averaging, so that the average must come back from the checkpoint too
        LstmNetwork net = new LstmNetwork(new LstmShape(1, new int[] {6}, 1), ActivationPair.TANH_SIGMOID, T);
        TrainingData train = sine(120, 1);
        TrainingData val = sine(40, 2);
        Trainer whole = new Trainer(net, config(ActivationPair.TANH_SIGMOID, 1, 4, 0.9));
        TrainingState uninterrupted = whole.start(train);
        whole.train(uninterrupted, train, val, TrainingListener.SILENT, () -> false, null);

        Path ckpt = dir.resolve("checkpoint.bin");
        Trainer firstHalf = new Trainer(net, config(ActivationPair.TANH_SIGMOID, 1, 2, 0.9));
        TrainingState s = firstHalf.start(train);
        firstHalf.train(s, train, val, TrainingListener.SILENT, () -> false, ckpt);
        TrainingConfig rest = config(ActivationPair.TANH_SIGMOID, 2, 4, 0.9);
        TrainingState resumed = Checkpoint.read(ckpt, rest, net.shape().size());
        assertEquals(2, resumed.epochsDone());
        new Trainer(net, rest).train(resumed, train, val, TrainingListener.SILENT, () -> false, ckpt);
        assertArrayEquals(uninterrupted.bestParameters(), resumed.bestParameters());
        assertEquals(uninterrupted.validationLoss(), resumed.validationLoss());
    }

    @Test
    void stopRequestLeavesTheLastCompleteEpoch() throws Exception {
        LstmNetwork net = new LstmNetwork(new LstmShape(1, new int[] {6}, 1), ActivationPair.ISRU, T);
        Trainer trainer = new Trainer(net, config(ActivationPair.ISRU, 1, 5));
        TrainingState s = trainer.start(sine(120, 1));
        int[] batches = {0};
        TrainingListener counting = new TrainingListener() {
            @Override
            public void batchDone(int epoch, long done, long total, double loss) {
                batches[0]++;
            }

            @Override
            public void epochDone(int epoch, double tl, double vl, double lr, boolean improved) {
            }
        };
        // 120 examples / batch 16 = 8 batches an epoch; stop in the middle of the second epoch.
        boolean finished = trainer.train(s, sine(120, 1), sine(40, 2), counting, () -> batches[0] >= 12, null);
        assertTrue(!finished);
        assertEquals(1, s.epochsDone());
        assertEquals(1, s.validationLoss().size());
    }
}
