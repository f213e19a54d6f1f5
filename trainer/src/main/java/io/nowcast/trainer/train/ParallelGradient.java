package io.nowcast.trainer.train;

import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.TransposedWeights;
import io.nowcast.trainer.nn.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel loss and gradient of a mini-batch. The batch is cut into chunks of a fixed size
 * that does not depend on the thread count; each chunk is computed whole by one thread into its own
 * buffers, and the chunks' sums are then added in chunk order. So the result is the same bits with
 * 1 thread or 16.
 */
public final class ParallelGradient implements AutoCloseable {
    private final LstmNetwork network;
    private final int chunkSize;
    private final Workspace[] workspaces; // one per chunk of the largest batch
    private final float[][] targets; // [chunk][chunkSize][O]
    private final double[] chunkLoss;
    private final ExecutorService pool; // null with one thread

    public ParallelGradient(LstmNetwork network, int maxBatch, int chunkSize, int threads) {
        this.network = network;
        this.chunkSize = chunkSize;
        int chunks = (maxBatch + chunkSize - 1) / chunkSize;
        workspaces = new Workspace[chunks];
        targets = new float[chunks][chunkSize * network.shape().outputCount()];
        for (int k = 0; k < chunks; k++) {
            workspaces[k] = new Workspace(network.shape(), network.window(), chunkSize);
        }
        chunkLoss = new double[chunks];
        pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nowcast-train-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * ∂/∂θ of the mean squared error over examples order[from .. from+count), into {@code grad}.
     *
     * @param noise     augmentation of the inputs
     * @param noiseSeed seeds the noise; each chunk draws from (noiseSeed, its first example), so the
     *                  noise does not depend on which thread runs the chunk
     * @return the sum of squared errors of these examples (normalized units, all outputs)
     */
    public double gradient(float[] theta, TransposedWeights tw, TrainingData data, int[] order, int from, int count,
            float[] grad, InputNoise noise, long noiseSeed) {
        float scale = 1f / (count * data.outputCount());
        int chunks = run(count, k -> {
            int start = k * chunkSize;
            int b = Math.min(chunkSize, count - start);
            data.gather(order, from + start, b, workspaces[k].input(), targets[k]);
            if (noise.active()) {
                noise.apply(workspaces[k].input(), data.window(), b, data.inputCount(),
                        new SplittableRandom(noiseSeed * 1_000_003L + from + start));
            }
            chunkLoss[k] = network.lossAndGradient(theta, tw, workspaces[k], b, targets[k], scale);
        });
        System.arraycopy(workspaces[0].grad, 0, grad, 0, grad.length);
        double loss = chunkLoss[0];
        for (int k = 1; k < chunks; k++) {
            float[] g = workspaces[k].grad;
            for (int i = 0; i < grad.length; i++) {
                grad[i] += g[i];
            }
            loss += chunkLoss[k];
        }
        return loss;
    }

    /** Sum of squared errors over examples order[from .. from+count), forward only. */
    public double loss(float[] theta, TransposedWeights tw, TrainingData data, int[] order, int from, int count) {
        int outputs = data.outputCount();
        int chunks = run(count, k -> {
            int start = k * chunkSize;
            int b = Math.min(chunkSize, count - start);
            Workspace ws = workspaces[k];
            data.gather(order, from + start, b, ws.input(), targets[k]);
            network.forward(theta, tw, ws, b);
            double sse = 0;
            for (int i = 0; i < b * outputs; i++) {
                double e = ws.output()[i] - targets[k][i];
                sse += e * e;
            }
            chunkLoss[k] = sse;
        });
        double loss = 0;
        for (int k = 0; k < chunks; k++) {
            loss += chunkLoss[k];
        }
        return loss;
    }

    /** The largest count that {@link #gradient} and {@link #loss} accept. */
    public int capacity() {
        return workspaces.length * chunkSize;
    }

    private interface ChunkJob {
        void run(int chunk);
    }

    private int run(int count, ChunkJob job) {
        if (count < 1 || count > capacity()) {
            throw new IllegalArgumentException("batch of " + count + " examples, allowed 1.." + capacity());
        }
        int chunks = (count + chunkSize - 1) / chunkSize;
        if (pool == null || chunks == 1) {
            for (int k = 0; k < chunks; k++) {
                job.run(k);
            }
            return chunks;
        }
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int k = 0; k < chunks; k++) {
            int chunk = k;
            tasks.add(() -> {
                job.run(chunk);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training worker failed: " + e.getCause(), e.getCause());
        }
        return chunks;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
