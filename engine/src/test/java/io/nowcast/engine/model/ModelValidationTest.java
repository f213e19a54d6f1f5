package io.nowcast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.testing.RandomModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the contract, broken one at a time in the hand-written file (see HandWrittenNcm for
 * its layout: fixed header to 28, H_0 at 28, "temperature" input name at 30), with the CRC
 * recomputed so that the rule, not the checksum, must catch it.
 */
class ModelValidationTest {
    private static final byte[] VALID = HandWrittenNcm.bytes(0, 0, 0);
    // Offsets in the hand-written file, counted from its layout:
    // 30: input 0 name (2 + 11 bytes) -> 43: unit "°C" (2 + 3) -> 48: mean -> 52: std -> 56: input 1 name
    // (2 + 8) -> 66: unit "hPa" (2 + 3) -> 71: mean -> 75: std -> 79: output 0 name (2 + 14) -> 95: unit
    // (2 + 3) -> 100: horizon -> 104: baseInput -> 106: mean -> 110: std -> 114: description (2 + 13)
    // -> 129: 3 padding bytes -> 132: tensors, 18 f32 values -> 204: CRC -> 208 bytes.
    private static final int INPUT0_STD = 52;
    private static final int OUTPUT0_BASE = 104;
    private static final int OUTPUT0_STD = 110;
    private static final int DESCRIPTOR_PADDING = 129;
    private static final int TENSORS = 132;

    @Test
    void layoutOffsetsAreTheOnesTheCommentDerives() throws Exception {
        assertEquals(208, VALID.length);
        assertEquals(4f, le(VALID).getFloat(INPUT0_STD));
        assertEquals(0, le(VALID).getShort(OUTPUT0_BASE));
        assertEquals(0.25f, le(VALID).getFloat(TENSORS));
        ModelReader.parse(VALID, "valid");
    }

    @Test
    void magic() {
        assertRejected(patch(b -> b.put(0, (byte) 'X')), "magic at offset 0 is 58 43 4D 31");
    }

    @Test
    void version() {
        assertRejected(patch(b -> b.putShort(4, (short) 2)), "version at offset 4 is 2, allowed 1");
    }

    @Test
    void unknownFlagBits() {
        assertRejected(patch(b -> b.putShort(6, (short) 0x10)), "flags at offset 6 is 0x10");
    }

    @Test
    void weightTypeAndActivations() {
        assertRejected(patch(b -> b.put(8, (byte) 3)), "weightType at offset 8 is 3");
        assertRejected(patch(b -> b.put(9, (byte) 2)), "cellActivation at offset 9 is 2");
        assertRejected(patch(b -> b.put(10, (byte) 7)), "gateActivation at offset 10 is 7");
    }

    @Test
    void reservedFields() {
        assertRejected(patch(b -> b.put(11, (byte) 1)), "reserved byte at offset 11 is 1, allowed 0");
        assertRejected(patch(b -> b.putShort(18, (short) 5)), "reserved u16 at offset 18 is 5, allowed 0");
    }

    @Test
    void countsOutOfRange() {
        assertRejected(patch(b -> b.putShort(12, (short) 0)), "inputCount at offset 12 is 0, allowed 1..4096");
        assertRejected(patch(b -> b.putShort(12, (short) 4097)), "inputCount at offset 12 is 4097, allowed 1..4096");
        assertRejected(patch(b -> b.putShort(14, (short) 17)), "layerCount at offset 14 is 17, allowed 1..16");
        assertRejected(patch(b -> b.putShort(16, (short) 0)), "outputCount at offset 16 is 0, allowed 1..4096");
        assertRejected(patch(b -> b.putInt(20, 0)), "window at offset 20 is 0, allowed 1..100000");
        assertRejected(patch(b -> b.putInt(20, 100_001)), "window at offset 20 is 100001, allowed 1..100000");
        assertRejected(patch(b -> b.putInt(24, 0)), "intervalSeconds at offset 24 is 0");
        assertRejected(patch(b -> b.putShort(28, (short) 0)), "hidden size H_0 at offset 28 is 0, allowed 1..4096");
        assertRejected(patch(b -> b.putShort(28, (short) 4097)), "hidden size H_0 at offset 28 is 4097");
    }

    @Test
    void hugeSizesAreCaughtByTheLengthCheckBeforeAllocation() {
        // H_0 = 4096 asks for 4·4096·(2 + 4096 + 1) ≈ 67 million values from a 208-byte file.
        ModelFormatException e = assertRejected(patch(b -> b.putShort(28, (short) 4096)), "bytes are missing");
        assertTrue(e.getMessage().contains("file length is 208 bytes"), e.getMessage());
    }

    @Test
    void nonPositiveOrNonFiniteStd() {
        assertRejected(patch(b -> b.putFloat(INPUT0_STD, 0f)), "input 0 (temperature) std at offset 52 is 0.0");
        assertRejected(patch(b -> b.putFloat(INPUT0_STD, -1f)), "is -1.0, allowed a finite number > 0");
        assertRejected(patch(b -> b.putFloat(OUTPUT0_STD, Float.NaN)), "output 0 (temperature_1h) std at offset 110 is NaN");
        assertRejected(patch(b -> b.putFloat(INPUT0_STD - 4, Float.POSITIVE_INFINITY)), "mean at offset 48 is Infinity");
    }

    @Test
    void baseInputOutOfRange() {
        assertRejected(patch(b -> b.putShort(OUTPUT0_BASE, (short) 2)), "baseInput at offset 104 is 2, allowed -1 or an input index 0..1");
        assertRejected(patch(b -> b.putShort(OUTPUT0_BASE, (short) -2)), "baseInput at offset 104 is -2");
    }

    @Test
    void nonFiniteWeights() {
        assertRejected(patch(b -> b.putFloat(TENSORS + 4 * 5, Float.NaN)), "W_0[5] at offset 152 is NaN");
        assertRejected(patch(b -> b.putFloat(TENSORS + 4 * 17, Float.NEGATIVE_INFINITY)), "by[0] at offset 200 is -Infinity");
        byte[] f16 = HandWrittenNcm.bytes(1, 0, 0);
        // f16 0x7C00 is +infinity (IEEE-754 binary16: exponent all ones, mantissa zero).
        assertRejected(recrc(patchRaw(f16, b -> b.putShort(TENSORS + 2 * 8, (short) 0x7C00))), "U_0[0] at offset 148 is Infinity");
    }

    @Test
    void badUtf8InAName() {
        assertRejected(patch(b -> b.put(32, (byte) 0xFF)), "input 0 name at offset 32 is FF");
    }

    @Test
    void nonZeroPadding() {
        assertRejected(patch(b -> b.put(DESCRIPTOR_PADDING, (byte) 1)), "descriptor padding at offset 129 is 1, allowed 0");
        // f16, I=1, H=[2], O=1: 4·2·(1+2+1) + 1·(2+1) = 35 values = 70 bytes, then 2 padding bytes and the CRC.
        byte[] f16 = ModelWriter.toBytes(RandomModels.model(5, new RandomModels.Shape(1, new int[] {2}, 1, 3),
                WeightType.F16, CellActivation.TANH, GateActivation.SIGMOID));
        int lastPad = f16.length - 5;
        assertRejected(recrc(patchRaw(f16, b -> b.put(lastPad, (byte) 1))), "tensor padding at offset " + lastPad + " is 1, allowed 0");
    }

    @Test
    void missingAndLeftOverBytes() {
        assertRejected(Arrays.copyOf(VALID, 20), "file ends at byte 20 inside header");
        assertRejected(Arrays.copyOf(VALID, 60), "file ends at byte 60 inside input 1 name");
        assertRejected(Arrays.copyOf(VALID, VALID.length - 1), "(bytes are missing)");
        assertRejected(Arrays.copyOf(VALID, VALID.length + 4), "(bytes are left over)");
        assertRejected(new byte[0], "file ends at byte 0 inside header");
    }

    @Test
    void wrongCrc() {
        byte[] damaged = VALID.clone();
        damaged[TENSORS + 1] ^= 0x01;
        assertRejected(damaged, "CRC-32C trailer at offset 204");
    }

    private static ModelFormatException assertRejected(byte[] file, String expectedInMessage) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.parse(file, "test.ncm"));
        assertTrue(e.getMessage().startsWith("test.ncm: "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), () -> "message was: " + e.getMessage());
        return e;
    }

    private interface Patch {
        void apply(ByteBuffer b);
    }

    /** The valid f32 file with one change and its CRC recomputed. */
    private static byte[] patch(Patch p) {
        return recrc(patchRaw(VALID, p));
    }

    private static byte[] patchRaw(byte[] file, Patch p) {
        byte[] copy = file.clone();
        p.apply(le(copy));
        return copy;
    }

    static byte[] recrc(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        le(file).putInt(file.length - 4, (int) crc.getValue());
        return file;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
