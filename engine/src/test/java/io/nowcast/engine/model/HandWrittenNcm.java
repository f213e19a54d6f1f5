package io.nowcast.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Lays out a small .ncm file byte by byte from the contract's tables, sharing no code with
 * {@link ModelWriter}: "a file written by another program". One layer, I = 2, H = 1, O = 1:
 * W [4][2], U [4][1], b [4], Wy [1][1], by [1] = 18 values, 0.25·(k+1) for the k-th value (k from 0),
 * exact in f32, f16 and q16.
 */
final class HandWrittenNcm {
    static final int VALUES = 18;

    private HandWrittenNcm() {
    }

    static double value(int k) {
        return 0.25 * (k + 1);
    }

    static byte[] bytes(int weightType, int cellActivation, int gateActivation) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'N', 'C', 'M', '1'});
        b.putShort((short) 1); // version
        b.putShort((short) 0); // flags
        b.put((byte) weightType).put((byte) cellActivation).put((byte) gateActivation).put((byte) 0);
        b.putShort((short) 2).putShort((short) 1).putShort((short) 1).putShort((short) 0); // I, L, O, reserved
        b.putInt(3); // T
        b.putInt(600); // interval
        b.putShort((short) 1); // H_0
        str(b, "temperature");
        str(b, "°C");
        b.putFloat(12.5f).putFloat(4f);
        str(b, "pressure");
        str(b, "hPa");
        b.putFloat(1013f).putFloat(8f);
        str(b, "temperature_1h");
        str(b, "°C");
        b.putInt(3600);
        b.putShort((short) 0); // baseInput: a change from input 0
        b.putFloat(0.1f).putFloat(0.5f);
        str(b, "hand-written."); // 13 bytes: the descriptors need 3 bytes of padding
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
        for (int k = 0; k < VALUES; k++) {
            switch (weightType) {
                case 0 -> b.putFloat((float) value(k));
                case 1 -> b.putShort(f16(value(k)));
                default -> b.putInt((int) (value(k) * 65536));
            }
        }
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** The binary16 bits of a positive normal v that a half holds exactly: exponent + 15, then the 10 fraction bits. */
    private static short f16(double v) {
        int exponent = Math.getExponent(v);
        int fraction = (int) ((v / Math.scalb(1.0, exponent) - 1) * 1024);
        return (short) ((exponent + 15) << 10 | fraction);
    }

    private static void str(ByteBuffer b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) utf8.length).put(utf8);
    }
}
