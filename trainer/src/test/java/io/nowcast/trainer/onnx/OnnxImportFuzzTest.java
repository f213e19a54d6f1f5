package io.nowcast.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged ONNX files never crash import-onnx: 400 copies of each torch fixture with a few bytes changed, cut short or
 * grown, are each either imported or refused with an OnnxImportException (the CLI's one line), nothing else.
 */
class OnnxImportFuzzTest {
    private static final ImportSettings SETTINGS = new ImportSettings(null, null, 7, 60, null, null, null, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"lstm1_batch_first_opset9_unfolded", "lstm2_seq_first_h_n_opset13",
            "lstm2_batch_first_dynamic_opset15"})
    void damagedFilesAreImportedOrRefusedInOneLine(String name, @TempDir Path dir) throws Exception {
        byte[] original = TorchFixture.load(name).onnx();
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        Path file = dir.resolve("damaged.onnx");
        for (int round = 0; round < 400; round++) {
            byte[] bytes = damage(original, rnd);
            Files.write(file, bytes);
            try {
                OnnxImporter.toModel(OnnxFiles.read(file), "damaged.onnx", SETTINGS);
            } catch (OnnxImportException e) {
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
        }
    }

    private static byte[] damage(byte[] original, SplittableRandom rnd) {
        byte[] b;
        switch (rnd.nextInt(3)) {
            case 0 -> b = java.util.Arrays.copyOf(original, rnd.nextInt(original.length));
            case 1 -> {
                b = java.util.Arrays.copyOf(original, original.length + 1 + rnd.nextInt(16));
                for (int k = original.length; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt(256);
                }
            }
            default -> b = original.clone();
        }
        for (int k = 1 + rnd.nextInt(4); k > 0 && b.length > 0; k--) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
        return b;
    }
}
