package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    @Test
    void showsShapeScalingAndIdentity() throws Exception {
        Model m = RandomModels.model(3, new RandomModels.Shape(6, new int[] {16, 8}, 3, 48), WeightType.F16,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID);
        Path file = dir.resolve("m.ncm");
        ModelWriter.write(m, file);

        CliRun run = CliRun.of("inspect", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sha256       " + sha256sum(file)), run.out());
        assertTrue(run.out().contains("size         " + Files.size(file) + " bytes"), run.out());
        assertTrue(run.out().contains("ncm v1, f16 weights"), run.out());
        assertTrue(run.out().contains("cell isru, gate isru-sigmoid"), run.out());
        assertTrue(run.out().contains("48 steps of 1min (48min of history)"), run.out());
        assertTrue(run.out().contains("2 LSTM (hidden 16, 8) + dense head"), run.out());
        // 4·16·(6+16+1) + 4·8·(16+8+1) + 3·(8+1) = 1472 + 800 + 27
        assertTrue(run.out().contains("parameters   2299"), run.out());
        assertTrue(run.out().contains("W [64][6], U [64][16], b [64]"), run.out());
        assertTrue(run.out().contains("change from in1"), run.out());
        assertTrue(run.out().contains("random model, seed 3"), run.out());
    }

    @Test
    void aMissingFileIsOneLine() {
        CliRun run = CliRun.of("inspect", dir.resolve("absent.ncm").toString());
        assertEquals(CliErrors.FAILED, run.exitCode());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains("absent.ncm: no such file"), run.err());
    }

    @Test
    void aDamagedFileNamesTheFieldAndOnlyVerboseShowsTheTrace() throws Exception {
        Path file = dir.resolve("bad.ncm");
        byte[] bytes = ModelWriter.toBytes(RandomModels.model(1, new RandomModels.Shape(2, new int[] {3}, 1, 4),
                WeightType.F32, CellActivation.TANH, GateActivation.SIGMOID));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        CliRun plain = CliRun.of("inspect", file.toString());
        assertEquals(CliErrors.FAILED, plain.exitCode());
        assertEquals(1, plain.errLines().length, plain.err());
        assertTrue(plain.err().startsWith("nowcast inspect: " + file + ": file length is"), plain.err());

        CliRun verbose = CliRun.of("inspect", "--verbose", file.toString());
        assertEquals(CliErrors.FAILED, verbose.exitCode());
        assertTrue(verbose.err().contains("at io.nowcast.engine.model.ModelReader"), verbose.err());
    }

    /** The file's SHA-256 from coreutils' sha256sum, an implementation independent of ours. */
    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor());
        return out.substring(0, 64);
    }
}
