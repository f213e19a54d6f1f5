package io.nowcast.trainer.train;

import io.nowcast.trainer.data.FeatureSegment;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.WindowSet;
import java.util.List;

/**
 * Examples in model units, ready to be gathered into chunks: normalized input rows per segment and
 * normalized targets per example.
 */
public final class TrainingData {
    private final int window; // T
    private final int inputCount; // I
    private final int outputCount; // O
    private final float[][] segments; // [segment][rows][I], row-major, normalized
    private final int[] sampleSegment; // [N]
    private final int[] sampleEnd; // [N]
    private final float[] targets; // [N][O], normalized

    public TrainingData(int window, int inputCount, int outputCount, float[][] segments, int[] sampleSegment,
            int[] sampleEnd, float[] targets) {
        this.window = window;
        this.inputCount = inputCount;
        this.outputCount = outputCount;
        this.segments = segments;
        this.sampleSegment = sampleSegment;
        this.sampleEnd = sampleEnd;
        this.targets = targets;
    }

    public static TrainingData of(WindowSet set, Normalization norm) {
        int inputCount = set.spec().inputs().size();
        int outputCount = set.spec().targets().size();
        List<FeatureSegment> segs = set.segments();
        float[][] normalized = new float[segs.size()][];
        for (int s = 0; s < segs.size(); s++) {
            double[][] rows = segs.get(s).inputs();
            float[] out = new float[rows.length * inputCount];
            for (int r = 0; r < rows.length; r++) {
                for (int k = 0; k < inputCount; k++) {
                    out[r * inputCount + k] = (float) ((rows[r][k] - norm.inputMean()[k]) / norm.inputStd()[k]);
                }
            }
            normalized[s] = out;
        }
        int n = set.size();
        int[] seg = new int[n];
        int[] end = new int[n];
        float[] y = new float[n * outputCount];
        for (int i = 0; i < n; i++) {
            seg[i] = set.segmentOf(i);
            end[i] = set.endOf(i);
            for (int o = 0; o < outputCount; o++) {
                y[i * outputCount + o] = (float) ((set.rawTarget(i, o) - norm.targetMean()[o]) / norm.targetStd()[o]);
            }
        }
        return new TrainingData(set.spec().window(), inputCount, outputCount, normalized, seg, end, y);
    }

    public int size() {
        return sampleEnd.length;
    }

    public int window() {
        return window;
    }

    public int inputCount() {
        return inputCount;
    }

    public int outputCount() {
        return outputCount;
    }

    /**
     * Copies examples order[from .. from+count) into x [T][count][I] (time-major) and y [count][O].
     */
    public void gather(int[] order, int from, int count, float[] x, float[] y) {
        for (int b = 0; b < count; b++) {
            int sample = order[from + b];
            float[] seg = segments[sampleSegment[sample]];
            int first = sampleEnd[sample] - window + 1;
            for (int t = 0; t < window; t++) {
                System.arraycopy(seg, (first + t) * inputCount, x, (t * count + b) * inputCount, inputCount);
            }
            System.arraycopy(targets, sample * outputCount, y, b * outputCount, outputCount);
        }
    }
}
