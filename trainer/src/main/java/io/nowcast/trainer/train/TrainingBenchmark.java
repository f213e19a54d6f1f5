package io.nowcast.trainer.train;

import io.nowcast.trainer.nn.Adam;
import io.nowcast.trainer.nn.Initializer;
import io.nowcast.trainer.nn.LinearPath;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.nn.TransposedWeights;
import java.util.SplittableRandom;

/**
 * Training speed on synthetic data: full mini-batch steps (forward, backward, reduction, clipping,
 * Adam) for a given network, window, batch and thread count, timed after a warm-up.
 */
public final class TrainingBenchmark {
    /** Windows per second and GFLOP/s of matrix work (see {@link LstmShape#matrixFlopsPerWindow}). */
    public record Result(LstmShape shape, String activations, int window, int batch, int threads, long windows,
            double seconds) {
        public double windowsPerSecond() {
            return windows / seconds;
        }

        public double gflops() {
            return windowsPerSecond() * shape.matrixFlopsPerWindow(window) / 1e9;
        }
    }

    private TrainingBenchmark() {
    }

    public static Result run(LstmNetwork network, int batch, int chunk, int threads, double warmupSeconds,
            double measureSeconds) {
        LstmShape shape = network.shape();
        int window = network.window();
        int examples = batch * 4;
        SplittableRandom random = new SplittableRandom(7);
        int rows = examples + window;
        float[] series = new float[rows * shape.inputCount()];
        for (int i = 0; i < series.length; i++) {
            series[i] = (float) random.nextGaussian();
        }
        int[] seg = new int[examples];
        int[] end = new int[examples];
        float[] targets = new float[examples * shape.outputCount()];
        for (int i = 0; i < examples; i++) {
            end[i] = window - 1 + i;
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextGaussian();
        }
        TrainingData data = new TrainingData(window, shape.inputCount(), shape.outputCount(), new float[][] {series},
                seg, end, targets);
        float[] theta = Initializer.initialParameters(shape, network.activations().gate(), window, 1, LinearPath.NONE);
        float[] grad = new float[shape.size()];
        Adam adam = new Adam(shape.size());
        TransposedWeights tw = new TransposedWeights(shape);
        int[] order = Trainer.identity(examples);
        try (ParallelGradient parallel = new ParallelGradient(network, batch, chunk, threads)) {
            long windows = 0;
            long start = System.nanoTime();
            long measuredFrom = start;
            boolean warm = false;
            while (true) {
                for (int from = 0; from < examples; from += batch) {
                    tw.refresh(theta);
                    parallel.gradient(theta, tw, data, order, from, batch, grad, InputNoise.NONE, 0);
                    Trainer.clip(grad, 1.0);
                    adam.update(theta, grad, 1e-4);
                    windows += batch;
                }
                long now = System.nanoTime();
                if (!warm && now - start >= warmupSeconds * 1e9) {
                    warm = true;
                    windows = 0;
                    measuredFrom = now;
                } else if (warm && now - measuredFrom >= measureSeconds * 1e9) {
                    return new Result(shape, network.activations().label(), window, batch, threads, windows,
                            (now - measuredFrom) / 1e9);
                }
            }
        }
    }
}
