package io.nowcast.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * export-onnx's files run on ONNX Runtime and give what Nowcast's float engine gives on the same raw windows: tanh
 * and ISRU models (and a mixed one), one and two layers, H from 4 to 64, with normalization, absolute and delta
 * outputs (RandomModels makes every second output a change from an input). The yardstick is the engine's reference
 * kernel (Math.tanh, Math.exp); agreement within 1e-5 relative to max(1, |y|) (raw outputs reach ~1000, where a float's
 * spacing is 6e-5). The streaming form (exportStreaming) steps as Engine.step does, its state carried by the caller.
 */
class OnnxExportTest {
    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        RandomModels.Shape[] shapes = {
            new RandomModels.Shape(3, new int[] {4}, 2, 5),
            new RandomModels.Shape(5, new int[] {16, 8}, 3, 12),
            new RandomModels.Shape(6, new int[] {64, 64}, 3, 48),
        };
        Object[][] activations = {
            {CellActivation.TANH, GateActivation.SIGMOID},
            {CellActivation.ISRU, GateActivation.ISRU_SIGMOID},
            {CellActivation.TANH, GateActivation.ISRU_SIGMOID},
        };
        long seed = 40;
        for (RandomModels.Shape shape : shapes) {
            for (Object[] a : activations) {
                cases.add(Arguments.of(RandomModels.model(seed++, shape, WeightType.F32, (CellActivation) a[0],
                        (GateActivation) a[1])));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void ortAgreesWithTheEngine(Model model) throws Exception {
        ModelProto onnx = OnnxExporter.export(model);
        boolean lstmNodes = onnx.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("LSTM"));
        assertEquals(OnnxExporter.standardActivations(model), lstmNodes, "LSTM nodes exactly for tanh/logistic models");
        int batch = 3;
        float[][][] x = new float[batch][][];
        float[][] expected = new float[batch][model.outputCount()];
        FloatEngine engine = new FloatEngine(model, KernelChoice.REFERENCE);
        for (int b = 0; b < batch; b++) {
            double[][] window = RandomModels.window(model, 900 + b);
            x[b] = toFloat(window);
            engine.predict(RandomModels.flatten(window), expected[b]);
        }
        float[][] actual = OrtRunner.run(onnx.toByteArray(), OnnxExporter.INPUT, x);
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < model.outputCount(); o++) {
                double tolerance = 1e-5 * Math.max(1, Math.abs(expected[b][o]));
                assertEquals(expected[b][o], actual[b][o], tolerance, model + " window " + b + " output " + o);
            }
        }
        assertTrue(onnx.getDocString().contains(model.inputs().get(0).name()), "the file says what x's columns are");
    }

    @ParameterizedTest
    @MethodSource("models")
    void streamingFileStepsAsTheEngineSteps(Model model) throws Exception {
        ModelProto onnx = OnnxExporter.exportStreaming(model);
        FloatEngine engine = new FloatEngine(model, KernelChoice.REFERENCE);
        double[][] window = RandomModels.window(model, 77);
        int layers = model.layers().size();
        Map<String, float[][]> state = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            state.put("h" + l, new float[1][model.layers().get(l).hiddenSize()]);
            state.put("c" + l, new float[1][model.layers().get(l).hiddenSize()]);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toByteArray(), new OrtSession.SessionOptions())) {
            for (int t = 0; t < Math.min(window.length, 6); t++) {
                float[] row = toFloat(new double[][] {window[t]})[0];
                float[] expected = new float[model.outputCount()];
                engine.step(row, expected);
                Map<String, OnnxTensor> feed = new HashMap<>();
                feed.put(OnnxExporter.INPUT, OnnxTensor.createTensor(env, new float[][][] {{row}}));
                for (int l = 0; l < layers; l++) {
                    feed.put("h" + l + "_in", OnnxTensor.createTensor(env, state.get("h" + l)));
                    feed.put("c" + l + "_in", OnnxTensor.createTensor(env, state.get("c" + l)));
                }
                try (OrtSession.Result r = session.run(feed)) {
                    float[] actual = ((float[][]) r.get(OnnxExporter.OUTPUT).orElseThrow().getValue())[0];
                    for (int o = 0; o < expected.length; o++) {
                        assertEquals(expected[o], actual[o], 1e-5 * Math.max(1, Math.abs(expected[o])),
                                model + " step " + t + " output " + o);
                    }
                    for (int l = 0; l < layers; l++) {
                        state.put("h" + l, (float[][]) r.get("h" + l).orElseThrow().getValue());
                        state.put("c" + l, (float[][]) r.get("c" + l).orElseThrow().getValue());
                    }
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    static float[][] toFloat(double[][] window) {
        float[][] f = new float[window.length][window[0].length];
        for (int t = 0; t < window.length; t++) {
            for (int k = 0; k < window[t].length; k++) {
                f[t][k] = (float) window[t][k];
            }
        }
        return f;
    }
}
