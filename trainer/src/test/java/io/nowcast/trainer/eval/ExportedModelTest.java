package io.nowcast.trainer.eval;

import io.nowcast.engine.testing.ReferenceEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nowcast.engine.Engine;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.data.FeatureSegment;
import io.nowcast.trainer.data.Normalization;
import io.nowcast.trainer.data.ProblemSpec;
import io.nowcast.trainer.data.Segment;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.export.ModelExporter;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.nn.TransposedWeights;
import io.nowcast.trainer.nn.Workspace;
import io.nowcast.trainer.train.TrainingData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported file, read back and run by the runtime's independent double-precision reference
 * (ReferenceLstm, written from the format's "Meaning" section), gives what the trainer's own forward
 * pass gives: so tensor layout, gate order, scaling and baseInput survive export.
 */
class ExportedModelTest {
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "isru"})
    void exportedModelAgreesWithTheTrainersForwardPass(String activation) throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        double[][] v = new double[40][2];
        for (int r = 0; r < v.length; r++) {
            v[r][0] = 20 + 3 * Math.sin(r / 5.0) + random.nextGaussian() * 0.1;
            v[r][1] = 1000 + 50 * random.nextGaussian();
        }
        ProblemSpec spec = new ProblemSpec(List.of("t", "p", "time_of_day_cos"),
                List.of(new TargetSpec("t", 120, true), new TargetSpec("p", 60, false)), 6, 60);
        WindowSet set = new WindowSet(spec, List.of(FeatureSegment.of(new Segment(1_767_225_600L, 60, v),
                spec.csvColumns(), spec)));
        Normalization norm = Normalization.fit(set);
        LstmShape shape = new LstmShape(3, new int[] {5, 4}, 2);
        ActivationPair pair = ActivationPair.ofLabel(activation);
        float[] theta = new float[shape.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextDouble(-0.7, 0.7);
        }
        Model model = ModelReader.parse(ModelWriter.toBytes(ModelExporter.toModel(shape, pair, theta, spec, norm,
                Map.of("t", "°C"), WeightType.F32, "test")), "exported");
        Engine engine = new ReferenceEngine(model);
        LstmNetwork net = new LstmNetwork(shape, pair, spec.window());
        TrainingData data = TrainingData.of(set, norm);
        Workspace ws = new Workspace(shape, spec.window(), 1);
        TransposedWeights tw = new TransposedWeights(shape);
        tw.refresh(theta);
        float[] window = new float[spec.window() * 3];
        float[] out = new float[2];
        float[] target = new float[2];
        for (int s = 0; s < set.size(); s++) {
            data.gather(new int[] {s}, 0, 1, ws.input(), target);
            net.forward(theta, tw, ws, 1);
            set.rawWindow(s, window);
            engine.predict(window, out);
            for (int o = 0; o < 2; o++) {
                double expected = ws.output()[o] * norm.targetStd()[o] + norm.targetMean()[o]
                        + (spec.targets().get(o).delta() ? set.lastValue(s, o) : 0);
                assertEquals(expected, out[o], 1e-4 * Math.max(1, Math.abs(expected)), "example " + s + " output " + o);
            }
        }
    }
}
