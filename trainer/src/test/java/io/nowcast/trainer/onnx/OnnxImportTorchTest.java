package io.nowcast.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.KernelChoice;
import io.nowcast.engine.model.Model;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * import-onnx on files that torch.onnx.export (torch 1.13.1) wrote for nn.LSTM + nn.Linear: 1 and 2 layers,
 * sequence-first and batch_first, last step by Gather, Slice or h_n, opsets 9 to 17, fixed or symbolic batch and time
 * (dynamic_axes), with and without torch's constant folding (without it, the gate blocks are reordered by
 * Slice/Concat/Unsqueeze on the initializers and the initial states come from Shape/Gather/Expand). The golden is
 * torch's own output on the window (make_fixtures.py); ONNX Runtime on the same file must give it too, so a fixture
 * that ORT reads differently from torch would show. A bidirectional nn.LSTM is refused with one line naming torch's
 * node.
 */
class OnnxImportTorchTest {
    private static final ImportSettings DEFAULTS = new ImportSettings(null, null, null, 60, null, null, null, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"lstm1_seq_first_opset11", "lstm2_batch_first_opset14", "lstm2_seq_first_h_n_opset13",
            "lstm1_batch_first_opset9_unfolded", "lstm2_seq_first_opset17_unfolded", "lstm2_batch_first_dynamic_opset15"})
    void importedModelComputesWhatTorchComputed(String name) throws Exception {
        TorchFixture f = TorchFixture.load(name);
        ModelProto onnx = ModelProto.parseFrom(f.onnx());
        boolean symbolic = name.contains("dynamic"); // batch and time are symbolic: the window must be given
        if (symbolic) {
            assertEquals("the file does not fix the sequence length: give --window",
                    assertThrows(OnnxImportException.class, () -> OnnxImporter.toModel(onnx, name, DEFAULTS)).getMessage());
        }
        Model model = OnnxImporter.toModel(onnx, name + ".onnx", symbolic ? new ImportSettings(null, null,
                f.window().length, 60, null, null, null, null, null) : DEFAULTS);
        assertEquals(f.window().length, model.window(), "window from the file's fixed sequence length");
        float[] window = new float[f.window().length * model.inputCount()];
        for (int t = 0; t < f.window().length; t++) {
            for (int k = 0; k < model.inputCount(); k++) {
                window[t * model.inputCount() + k] = (float) f.window()[t][k];
            }
        }
        float[] nowcast = new float[model.outputCount()];
        new FloatEngine(model, KernelChoice.REFERENCE).predict(window, nowcast);
        float[] fast = new float[model.outputCount()];
        new FloatEngine(model).predict(window, fast);
        float[] ort = OrtRunner.run(f.onnx(), "x", f.input())[0];
        assertEquals(f.output().length, model.outputCount());
        for (int o = 0; o < f.output().length; o++) {
            assertEquals(f.output()[o], nowcast[o], 1e-5, name + " output " + o + ", reference kernel");
            assertEquals(f.output()[o], fast[o], 1e-5, name + " output " + o + ", fast kernel");
            assertEquals(f.output()[o], ort[o], 1e-5, name + " output " + o + ", ONNX Runtime");
        }
    }

    @Test
    void bidirectionalLstmIsRefusedNamingTheNode() throws Exception {
        byte[] file;
        try (var in = getClass().getResourceAsStream("/onnx/lstm1_bidirectional_opset13.onnx")) {
            file = in.readAllBytes();
        }
        String message = assertThrows(OnnxImportException.class, () -> OnnxImporter.toModel(ModelProto.parseFrom(file),
                "b.onnx", DEFAULTS)).getMessage();
        assertEquals("node '/lstm/LSTM' (LSTM): direction 'bidirectional' is not supported, only forward", message);
    }
}
