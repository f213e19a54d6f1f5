package io.nowcast.trainer.data;

import io.nowcast.engine.model.DerivedFeature;
import java.util.List;

/**
 * A segment turned into model inputs and target columns, in raw units.
 *
 * @param segment the resampled rows it came from
 * @param inputs  [rows][I], in the order of the problem's inputs; derived features computed by the
 *                runtime's own {@link DerivedFeature} from each step's UTC instant
 * @param targets [rows][O]: the raw value of each output's column at that row
 */
public record FeatureSegment(Segment segment, double[][] inputs, double[][] targets) {
    public static FeatureSegment of(Segment segment, List<String> loadedColumns, ProblemSpec spec) {
        int rows = segment.rowCount();
        int inputCount = spec.inputs().size();
        int outputCount = spec.targets().size();
        double[][] in = new double[rows][inputCount];
        double[][] out = new double[rows][outputCount];
        DerivedFeature[] derived = new DerivedFeature[inputCount];
        int[] column = new int[inputCount];
        for (int k = 0; k < inputCount; k++) {
            derived[k] = DerivedFeature.byInputName(spec.inputs().get(k));
            column[k] = derived[k] == null ? loadedColumns.indexOf(spec.inputs().get(k)) : -1;
        }
        int[] targetColumn = new int[outputCount];
        for (int o = 0; o < outputCount; o++) {
            targetColumn[o] = loadedColumns.indexOf(spec.targets().get(o).column());
        }
        for (int r = 0; r < rows; r++) {
            double[] values = segment.values()[r];
            for (int k = 0; k < inputCount; k++) {
                in[r][k] = derived[k] != null ? derived[k].at(segment.instant(r)) : values[column[k]];
            }
            for (int o = 0; o < outputCount; o++) {
                out[r][o] = values[targetColumn[o]];
            }
        }
        return new FeatureSegment(segment, in, out);
    }

    public int rowCount() {
        return inputs.length;
    }
}
