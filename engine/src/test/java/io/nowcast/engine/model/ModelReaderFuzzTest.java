package io.nowcast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nowcast.engine.testing.RandomModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Throws 12,000 mutated files at the reader. Every one must end either in a valid model (a
 * mutation can hit a weight and leave a valid file) or in {@link ModelFormatException}: never
 * another exception, an OutOfMemoryError or a hang. Mutations whose result is certainly invalid
 * (truncation, extension, impossible counts and sizes) must be rejected.
 */
class ModelReaderFuzzTest {
    private static final int ROUNDS = 3_000; // × 4 mutation kinds = 12,000 files

    private final byte[][] seeds = {
        ModelWriter.toBytes(RandomModels.model(1, new RandomModels.Shape(3, new int[] {4}, 2, 5), WeightType.F32,
                CellActivation.TANH, GateActivation.SIGMOID)),
        ModelWriter.toBytes(RandomModels.model(2, new RandomModels.Shape(2, new int[] {3, 5}, 1, 7), WeightType.F16,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID)),
        ModelWriter.toBytes(RandomModels.model(3, new RandomModels.Shape(4, new int[] {2}, 3, 9), WeightType.Q16,
                CellActivation.ISRU, GateActivation.SIGMOID)),
    };

    @Test
    void mutatedFilesEndInTheFormatsOwnException() {
        SplittableRandom rnd = new SplittableRandom(20261128);
        int[] rejected = new int[1];
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] seed = seeds[round % seeds.length];
                rejected[0] += outcome(bitFlips(seed, rnd, rnd.nextBoolean()), false);
                rejected[0] += outcome(Arrays.copyOf(seed, rnd.nextInt(seed.length)), true);
                rejected[0] += outcome(extended(seed, rnd), true);
                rejected[0] += outcome(hugeField(seed, rnd), true);
            }
        });
        // Every truncation, extension and huge field is rejected, and most bit flips too.
        assertTrue(rejected[0] >= 3 * ROUNDS, "rejected " + rejected[0]);
    }

    /** 1 if rejected with ModelFormatException, 0 if it parsed; anything else fails the test. */
    private static int outcome(byte[] file, boolean mustReject) {
        try {
            ModelReader.parse(file, "fuzz");
            if (mustReject) {
                fail("accepted a file that breaks the contract (" + file.length + " bytes)");
            }
            return 0;
        } catch (ModelFormatException expected) {
            return 1;
        } catch (Throwable other) {
            throw new AssertionError("reader threw " + other + " instead of ModelFormatException", other);
        }
    }

    private static byte[] bitFlips(byte[] seed, SplittableRandom rnd, boolean fixCrc) {
        byte[] f = seed.clone();
        for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
            int bit = rnd.nextInt(f.length * 8);
            f[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return fixCrc ? ModelValidationTest.recrc(f) : f;
    }

    private static byte[] extended(byte[] seed, SplittableRandom rnd) {
        byte[] f = Arrays.copyOf(seed, seed.length + 1 + rnd.nextInt(64));
        for (int k = seed.length; k < f.length; k++) {
            f[k] = (byte) rnd.nextInt(256);
        }
        return ModelValidationTest.recrc(f);
    }

    /** A count or size field set to a value far beyond what the file holds, CRC recomputed. */
    private static byte[] hugeField(byte[] seed, SplittableRandom rnd) {
        byte[] f = seed.clone();
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        switch (rnd.nextInt(6)) {
            case 0 -> b.putShort(12, (short) (1000 + rnd.nextInt(60_000))); // inputCount
            case 1 -> b.putShort(14, (short) (2 + rnd.nextInt(65_000))); // layerCount
            case 2 -> b.putShort(16, (short) (1000 + rnd.nextInt(60_000))); // outputCount
            case 3 -> b.putShort(28, (short) (100 + rnd.nextInt(65_000))); // H_0
            case 4 -> b.putInt(20, 100_001 + rnd.nextInt(Integer.MAX_VALUE - 100_001)); // window
            default -> b.putShort(30, (short) (1000 + rnd.nextInt(64_000))); // first string's length
        }
        return ModelValidationTest.recrc(f);
    }

    @Test
    void theSeedsThemselvesAreValid() throws ModelFormatException {
        for (byte[] seed : seeds) {
            assertEquals(seed.length, ModelWriter.toBytes(ModelReader.parse(seed, "seed")).length);
        }
    }
}
