package io.nowcast.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Every (window, targets) example that fits in a list of segments: window rows end−T+1..end, target
 * o at row end + horizon_o/Δ, all within one segment. Raw units; see {@link Normalization} for the
 * model's units.
 */
public final class WindowSet {
    private final ProblemSpec spec;
    private final List<FeatureSegment> segments;
    private final int[] sampleSegment; // [N]
    private final int[] sampleEnd; // [N], row of the window's last step

    public WindowSet(ProblemSpec spec, List<FeatureSegment> segments) {
        this.spec = spec;
        this.segments = List.copyOf(segments);
        int maxH = spec.maxHorizonSteps();
        List<int[]> samples = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            int rows = segments.get(s).rowCount();
            for (int end = spec.window() - 1; end + maxH < rows; end++) {
                samples.add(new int[] {s, end});
            }
        }
        sampleSegment = samples.stream().mapToInt(a -> a[0]).toArray();
        sampleEnd = samples.stream().mapToInt(a -> a[1]).toArray();
    }

    public ProblemSpec spec() {
        return spec;
    }

    public List<FeatureSegment> segments() {
        return segments;
    }

    public int size() {
        return sampleEnd.length;
    }

    public int segmentOf(int sample) {
        return sampleSegment[sample];
    }

    public int endOf(int sample) {
        return sampleEnd[sample];
    }

    /** The window's raw inputs, row-major [T][I], as an engine takes them. */
    public void rawWindow(int sample, float[] out) {
        FeatureSegment seg = segments.get(sampleSegment[sample]);
        int inputCount = spec.inputs().size();
        int first = sampleEnd[sample] - spec.window() + 1;
        for (int t = 0; t < spec.window(); t++) {
            double[] row = seg.inputs()[first + t];
            for (int k = 0; k < inputCount; k++) {
                out[t * inputCount + k] = (float) row[k];
            }
        }
    }

    /** The raw value output o should forecast (absolute, even for a delta output). */
    public double actual(int sample, int o) {
        FeatureSegment seg = segments.get(sampleSegment[sample]);
        return seg.targets()[sampleEnd[sample] + spec.horizonSteps(spec.targets().get(o))][o];
    }

    /** The last value of output o's column in the window: what persistence forecasts. */
    public double lastValue(int sample, int o) {
        return segments.get(sampleSegment[sample]).targets()[sampleEnd[sample]][o];
    }

    /** What the model's output o is trained to give, in raw units: the actual value, or its change. */
    public double rawTarget(int sample, int o) {
        double y = actual(sample, o);
        return spec.targets().get(o).delta() ? y - lastValue(sample, o) : y;
    }

    /** UTC epoch seconds of the instant output o forecasts. */
    public long targetEpochSeconds(int sample, int o) {
        Segment seg = segments.get(sampleSegment[sample]).segment();
        return seg.epochSeconds(sampleEnd[sample]) + spec.targets().get(o).horizonSeconds();
    }
}
