package io.nowcast.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.trainer.onnx.OrtRunner;
import io.nowcast.trainer.onnx.TorchFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two commands end to end: import-onnx of a torch export with names and a normalization file, then export-onnx
 * of the result; raw windows in, raw forecasts out, checked against torch's output scaled by hand
 * (y = y' · std + mean, x = x' · std + mean). A file that cannot be imported is one stderr line and exit 1.
 */
class OnnxCommandsTest {
    private static final double[] IN_MEAN = {10, -3, 1000};
    private static final double[] IN_STD = {2, 0.5, 8};
    private static final double[] OUT_MEAN = {5, 20};
    private static final double[] OUT_STD = {3, 0.25};

    @Test
    void importThenExportKeepsRawInputsAndOutputs(@TempDir Path dir) throws Exception {
        TorchFixture f = TorchFixture.load("lstm1_seq_first_opset11");
        Path onnx = dir.resolve("torch.onnx");
        Files.write(onnx, f.onnx());
        Path json = dir.resolve("norm.json");
        Files.writeString(json, """
                {"inputs": [{"name": "temperature", "mean": 10, "std": 2}, {"name": "humidity", "mean": -3, "std": 0.5},
                            {"name": "pressure", "mean": 1000, "std": 8}],
                 "outputs": [{"name": "t_1h", "mean": 5, "std": 3, "horizon_seconds": 3600},
                             {"name": "t_2h", "mean": 20, "std": 0.25, "horizon_seconds": 7200}]}
                """);
        Path ncm = dir.resolve("m.ncm");
        NowcastTrainCliTest.Run r = NowcastTrainCliTest.run("import-onnx", onnx.toString(), "--out", ncm.toString(),
                "--normalization", json.toString(), "--interval", "300");
        assertEquals(0, r.status(), r.err());
        Model model = ModelReader.read(ncm);
        assertEquals(List.of("temperature", "humidity", "pressure"), model.inputs().stream().map(i -> i.name()).toList());
        assertEquals(7200, model.outputs().get(1).horizonSeconds());
        assertEquals(300, model.intervalSeconds());
        int t = f.window().length;
        float[] raw = new float[t * 3];
        float[][][] rawBatch = new float[1][t][3];
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < 3; k++) {
                raw[s * 3 + k] = (float) (f.window()[s][k] * IN_STD[k] + IN_MEAN[k]);
                rawBatch[0][s][k] = raw[s * 3 + k];
            }
        }
        float[] y = new float[2];
        new FloatEngine(model, KernelChoice.REFERENCE).predict(raw, y);
        Path exported = dir.resolve("back.onnx");
        NowcastTrainCliTest.Run e = NowcastTrainCliTest.run("export-onnx", ncm.toString(), "--out", exported.toString());
        assertEquals(0, e.status(), e.err());
        float[] ort = OrtRunner.run(Files.readAllBytes(exported), "x", rawBatch)[0];
        for (int o = 0; o < 2; o++) {
            double expected = f.output()[o] * OUT_STD[o] + OUT_MEAN[o];
            assertEquals(expected, y[o], 1e-4 * Math.max(1, Math.abs(expected)), "engine, output " + o);
            assertEquals(y[o], ort[o], 1e-5 * Math.max(1, Math.abs(expected)), "exported file on ORT, output " + o);
        }
    }

    @Test
    void flagsNameAndScaleToo(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("torch.onnx");
        Files.write(onnx, TorchFixture.load("lstm2_seq_first_h_n_opset13").onnx());
        Path ncm = dir.resolve("m.ncm");
        NowcastTrainCliTest.Run r = NowcastTrainCliTest.run("import-onnx", onnx.toString(), "--out", ncm.toString(),
                "--inputs", "a,b", "--outputs", "c", "--input-means", "1,2", "--input-stds", "3,4",
                "--output-means", "5", "--output-stds", "6", "--window", "48");
        assertEquals(0, r.status(), r.err());
        Model m = ModelReader.read(ncm);
        assertEquals("b", m.inputs().get(1).name());
        assertEquals(4f, m.inputs().get(1).std());
        assertEquals(6f, m.outputs().get(0).std());
        assertEquals(48, m.window());
    }

    @Test
    void failuresAreOneLine(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("torch.onnx");
        Files.write(onnx, TorchFixture.load("lstm2_seq_first_h_n_opset13").onnx());
        NowcastTrainCliTest.Run names = NowcastTrainCliTest.run("import-onnx", onnx.toString(), "--out",
                dir.resolve("m.ncm").toString(), "--inputs", "a,b,c");
        assertEquals(1, names.status());
        assertEquals("nowcast-train import-onnx: --inputs names 3 values, the model has 2\n", names.err().replace("\r", ""));
        Path notOnnx = dir.resolve("x.onnx");
        Files.writeString(notOnnx, "hello, not protobuf\n");
        NowcastTrainCliTest.Run bad = NowcastTrainCliTest.run("import-onnx", notOnnx.toString(), "--out",
                dir.resolve("m.ncm").toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().startsWith("nowcast-train import-onnx: " + notOnnx + ": not an ONNX model"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        Path badJson = dir.resolve("n.json");
        Files.writeString(badJson, "{\"inputs\": [{\"mean\": 1}]}");
        NowcastTrainCliTest.Run json = NowcastTrainCliTest.run("import-onnx", onnx.toString(), "--out",
                dir.resolve("m.ncm").toString(), "--normalization", badJson.toString());
        assertEquals("nowcast-train import-onnx: " + badJson + ": inputs[0]: \"std\" is missing\n",
                json.err().replace("\r", ""));
    }
}
