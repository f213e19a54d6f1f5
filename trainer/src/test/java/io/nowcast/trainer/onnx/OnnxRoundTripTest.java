package io.nowcast.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * import-onnx reads what export-onnx writes for a tanh/logistic model whose outputs are all absolute: the
 * normalization in the graph (Sub, Div before the LSTMs; Mul, Add after the head) comes back as the model's input
 * means and deviations and inside the head's weights, so the imported model predicts what the original does (within
 * 1e-5 relative: the head's weights are scaled by the output std and rounded to float once more). A model with an
 * output that is a change from an input is refused: the graph reads the input's last raw row, which an imported
 * model cannot express.
 */
class OnnxRoundTripTest {
    private static Model absoluteOutputs(Model m) {
        List<OutputSpec> outputs = m.outputs().stream().map(o -> new OutputSpec(o.name(), o.unit(), o.horizonSeconds(),
                OutputSpec.NO_BASE_INPUT, o.mean(), o.std())).toList();
        return new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(), m.intervalSeconds(),
                m.inputs(), outputs, m.description(), m.layers(), m.headWeights(), m.headBias());
    }

    @ParameterizedTest
    @CsvSource({"3, 4, 1, 5", "5, 16, 2, 12", "6, 64, 2, 48"})
    void exportedTanhModelImportsBackToTheSamePredictions(int inputs, int hidden, int layers, int window) {
        int[] sizes = new int[layers];
        java.util.Arrays.fill(sizes, hidden);
        Model original = absoluteOutputs(RandomModels.model(11 + hidden, new RandomModels.Shape(inputs, sizes, 3, window),
                WeightType.F32, CellActivation.TANH, GateActivation.SIGMOID));
        Model back = OnnxImporter.toModel(OnnxExporter.export(original), "m.onnx",
                new ImportSettings(null, null, null, original.intervalSeconds(), null, null, null, null, null));
        for (int k = 0; k < inputs; k++) {
            InputSpec a = original.inputs().get(k);
            InputSpec b = back.inputs().get(k);
            assertEquals(a.mean(), b.mean(), "input mean " + k + " from the graph's Sub");
            assertEquals(a.std(), b.std(), "input std " + k + " from the graph's Div");
        }
        assertEquals(original.layers(), back.layers(), "the LSTM weights, exactly");
        double[][] raw = RandomModels.window(original, 5);
        float[] expected = new float[3];
        float[] actual = new float[3];
        new FloatEngine(original, KernelChoice.REFERENCE).predict(RandomModels.flatten(raw), expected);
        new FloatEngine(back, KernelChoice.REFERENCE).predict(RandomModels.flatten(raw), actual);
        for (int o = 0; o < 3; o++) {
            assertEquals(expected[o], actual[o], 1e-5 * Math.max(1, Math.abs(expected[o])), "output " + o);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 4, 3"})
    void deltaOutputsAreRefused(int inputs, int hidden, int outputs) {
        Model withDelta = RandomModels.model(3, new RandomModels.Shape(inputs, new int[] {hidden}, outputs, 6),
                WeightType.F32, CellActivation.TANH, GateActivation.SIGMOID);
        assertTrue(withDelta.outputs().stream().anyMatch(OutputSpec::isDelta));
        String m = assertThrows(OnnxImportException.class, () -> OnnxImporter.toModel(OnnxExporter.export(withDelta),
                "m.onnx", new ImportSettings(null, null, null, 60, null, null, null, null, null))).getMessage();
        assertTrue(m.matches("node 'Gather_\\d+' \\(Gather\\): picks values out of the graph input; .*"), m);
    }
}
