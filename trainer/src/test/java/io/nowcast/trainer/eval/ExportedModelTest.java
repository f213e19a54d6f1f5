package io.nowcast.trainer.eval;

import io.nowcast.engine.testing.ReferenceEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.Engine;
import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
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
import io.nowcast.trainer.nn.LinearPath;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.nn.TransposedWeights;
import io.nowcast.trainer.nn.Workspace;
import io.nowcast.trainer.train.InputNoise;
import io.nowcast.trainer.train.Trainer;
import io.nowcast.trainer.train.TrainingConfig;
import io.nowcast.trainer.train.TrainingData;
import io.nowcast.trainer.train.TrainingListener;
import io.nowcast.trainer.train.TrainingState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported file, read back and run by the runtime's independent double-precision reference
 * (ReferenceLstm, written from the format's "Meaning" section), gives what the trainer's own forward
 * pass gives: so tensor layout, gate order, scaling and baseInput survive export. And a trained,
 * exported model gives in the float engine what it gave in training, to the engine's tolerance
 * (1e-5 · max(|y|, std_k)), with both kernels: the vector kernel computes tanh and σ with the very
 * rational the trainer uses (RationalTanh), the reference kernel with Math.tanh and Math.exp.
 */
class ExportedModelTest {
    private static final ProblemSpec SPEC = new ProblemSpec(List.of("t", "p", "time_of_day_cos"),
            List.of(new TargetSpec("t", 120, true), new TargetSpec("p", 60, false)), 6, 60);
    private static final LstmShape SHAPE = new LstmShape(3, new int[] {5, 4}, 2);

    /** A warm sine with noise and a noisy pressure, one row a minute. */
    private static WindowSet series(int rows, SplittableRandom random) {
        double[][] v = new double[rows][2];
        for (int r = 0; r < v.length; r++) {
            v[r][0] = 20 + 3 * Math.sin(r / 5.0) + random.nextGaussian() * 0.1;
            v[r][1] = 1000 + 50 * random.nextGaussian();
        }
        return new WindowSet(SPEC, List.of(FeatureSegment.of(new Segment(1_767_225_600L, 60, v), SPEC.csvColumns(), SPEC)));
    }

    private static Model export(ActivationPair pair, float[] theta, Normalization norm) throws Exception {
        return ModelReader.parse(ModelWriter.toBytes(ModelExporter.toModel(SHAPE, pair, theta, SPEC, norm,
                Map.of("t", "°C"), WeightType.F32, "test")), "exported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "isru"})
    void exportedModelAgreesWithTheTrainersForwardPass(String activation) throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        WindowSet set = series(40, random);
        Normalization norm = Normalization.fit(set);
        ActivationPair pair = ActivationPair.ofLabel(activation);
        float[] theta = new float[SHAPE.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextDouble(-0.7, 0.7);
        }
        Model model = export(pair, theta, norm);
        compare(pair, theta, set, norm, new ReferenceEngine(model), 1e-4, "reference LSTM in double");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "isru"})
    void trainedModelRunsInTheFloatEngineAsInTheTrainer(String activation) throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        WindowSet set = series(300, random);
        Normalization norm = Normalization.fit(set);
        ActivationPair pair = ActivationPair.ofLabel(activation);
        TrainingData data = TrainingData.of(set, norm);
        TrainingConfig config = new TrainingConfig(SHAPE.hiddenSizes(), pair, 16, 4, 15, 0.03, 0.5, 3, 15, 1.0, 0, 0,
                InputNoise.NONE, false, LinearPath.NONE, 3, 1);
        Trainer trainer = new Trainer(new LstmNetwork(SHAPE, pair, SPEC.window()), config);
        TrainingState state = trainer.start(data);
        double before = trainer.meanLoss(state.bestParameters(), data);
        trainer.train(state, data, data, TrainingListener.SILENT, () -> false, null);
        float[] theta = state.bestParameters();
        assertTrue(trainer.meanLoss(theta, data) < 0.8 * before, "training should have learnt something");
        Model model = export(pair, theta, norm);
        FloatEngine fast = new FloatEngine(model);
        assertTrue(fast.kernelName().startsWith("vector"), "the vector kernel should run here: " + fast.kernelName());
        double vector = compare(pair, theta, set, norm, fast, 1e-5, fast.kernelName());
        double reference = compare(pair, theta, set, norm, new FloatEngine(model, KernelChoice.REFERENCE), 1e-5,
                "reference kernel");
        System.out.printf("trained %s model, trainer vs float engine over %d windows: worst |Δ|/max(|y|, std) %.2e "
                + "(%s), %.2e (reference kernel); allowed 1e-5%n", activation, set.size(), vector, fast.kernelName(),
                reference);
    }

    /**
     * Every window of set: the trainer's forward pass, denormalized, against the engine, within
     * tol·max(|y|, std_k); returns the worst |Δ| / max(|y|, std_k).
     */
    private static double compare(ActivationPair pair, float[] theta, WindowSet set, Normalization norm, Engine engine,
            double tol, String what) {
        LstmNetwork net = new LstmNetwork(SHAPE, pair, SPEC.window());
        TrainingData data = TrainingData.of(set, norm);
        Workspace ws = new Workspace(SHAPE, SPEC.window(), 1);
        TransposedWeights tw = new TransposedWeights(SHAPE);
        tw.refresh(theta);
        float[] window = new float[SPEC.window() * 3];
        float[] out = new float[2];
        float[] target = new float[2];
        double worst = 0;
        for (int s = 0; s < set.size(); s++) {
            data.gather(new int[] {s}, 0, 1, ws.input(), target);
            net.forward(theta, tw, ws, 1);
            set.rawWindow(s, window);
            engine.predict(window, out);
            for (int o = 0; o < 2; o++) {
                double std = norm.targetStd()[o];
                double expected = ws.output()[o] * std + norm.targetMean()[o]
                        + (SPEC.targets().get(o).delta() ? set.lastValue(s, o) : 0);
                double scale = Math.max(std, Math.abs(expected));
                assertEquals(expected, out[o], tol * scale, what + ", example " + s + " output " + o);
                worst = Math.max(worst, Math.abs(out[o] - expected) / scale);
            }
        }
        return worst;
    }
}
