package io.nowcast.trainer.export;

import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.data.ColumnUnits;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LstmShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trained parameters θ plus the problem's names, units and scaling → a runtime {@link Model}, which
 * {@link io.nowcast.engine.model.ModelWriter} writes as .ncm. θ's layout is the file's tensor
 * order, so each tensor is a plain slice.
 */
public final class ModelExporter {
    private ModelExporter() {
    }

    /** @param units unit of each column by name, as given ({@link ColumnUnits#of}: else the station quantity's, else "") */
    public static Model toModel(LstmShape shape, ActivationPair activations, float[] theta, ProblemSpec spec,
            Normalization norm, Map<String, String> units, WeightType weightType, String description) {
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            String name = spec.inputs().get(k);
            inputs.add(new InputSpec(name, ColumnUnits.of(name, units), (float) norm.inputMean()[k],
                    (float) norm.inputStd()[k]));
        }
        List<OutputSpec> outputs = new ArrayList<>();
        for (int o = 0; o < spec.targets().size(); o++) {
            TargetSpec t = spec.targets().get(o);
            outputs.add(new OutputSpec(t.column(), ColumnUnits.of(t.column(), units), t.horizonSeconds(),
                    spec.baseInput(o), (float) norm.targetMean()[o], (float) norm.targetStd()[o]));
        }
        List<LstmLayer> layers = new ArrayList<>();
        for (int l = 0; l < shape.layers(); l++) {
            int end = l + 1 < shape.layers() ? shape.offW(l + 1) : shape.offHeadW();
            layers.add(new LstmLayer(shape.inputSize(l), shape.hidden(l), slice(theta, shape.offW(l), shape.offU(l)),
                    slice(theta, shape.offU(l), shape.offB(l)), slice(theta, shape.offB(l), end)));
        }
        return new Model(weightType, activations.cell(), activations.gate(), spec.window(), spec.intervalSeconds(),
                inputs, outputs, description, layers, slice(theta, shape.offHeadW(), shape.offHeadB()),
                slice(theta, shape.offHeadB(), shape.size()));
    }

    private static double[] slice(float[] theta, int from, int to) {
        double[] out = new double[to - from];
        Arrays.setAll(out, i -> theta[from + i]);
        return out;
    }
}
