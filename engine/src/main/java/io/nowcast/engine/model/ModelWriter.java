package io.nowcast.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/** Writes a {@link Model} as an ncm-format-v1 file, byte for byte as the contract lays it out. */
public final class ModelWriter {
    private ModelWriter() {
    }

    /** The file's bytes. */
    public static byte[] toBytes(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Little le = new Little(out);
        le.bytes(NcmFormat.MAGIC);
        le.u16(NcmFormat.VERSION);
        le.u16(0); // flags
        le.u8(model.weightType().code);
        le.u8(model.cellActivation().code);
        le.u8(model.gateActivation().code);
        le.u8(0); // reserved
        le.u16(model.inputCount());
        le.u16(model.layers().size());
        le.u16(model.outputCount());
        le.u16(0); // reserved
        le.u32(model.window());
        le.u32(model.intervalSeconds());
        for (LstmLayer layer : model.layers()) {
            le.u16(layer.hiddenSize());
        }
        for (InputSpec in : model.inputs()) {
            le.str("input name", in.name());
            le.str("input unit", in.unit());
            le.f32(in.mean());
            le.f32(in.std());
        }
        for (OutputSpec o : model.outputs()) {
            le.str("output name", o.name());
            le.str("output unit", o.unit());
            le.u32(o.horizonSeconds());
            le.i16(o.baseInput());
            le.f32(o.mean());
            le.f32(o.std());
        }
        le.str("description", model.description());
        le.pad();
        for (LstmLayer layer : model.layers()) {
            for (double[] tensor : layer.tensorsInFileOrder()) {
                le.tensor(tensor, model.weightType());
            }
        }
        le.tensor(model.headWeightsUnsafe(), model.weightType());
        le.tensor(model.headBiasUnsafe(), model.weightType());
        le.pad();
        CRC32C crc = new CRC32C();
        crc.update(out.toByteArray());
        le.u32(crc.getValue());
        return out.toByteArray();
    }

    /** Writes the file atomically: to a temporary file beside it, then renamed over it. */
    public static void write(Model model, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.write(tmp, toBytes(model));
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Little-endian primitives onto a byte stream. */
    private static final class Little {
        private final ByteArrayOutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        private long written;

        Little(ByteArrayOutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b) {
            out.writeBytes(b);
            written += b.length;
        }

        private void flush(int n) {
            out.write(scratch.array(), 0, n);
            written += n;
            scratch.clear();
        }

        void u8(int v) {
            scratch.put((byte) v);
            flush(1);
        }

        void u16(int v) {
            scratch.putShort((short) v);
            flush(2);
        }

        void i16(int v) {
            scratch.putShort((short) v);
            flush(2);
        }

        void u32(long v) {
            scratch.putInt((int) v);
            flush(4);
        }

        void f32(float v) {
            scratch.putFloat(v);
            flush(4);
        }

        void str(String field, String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > NcmFormat.MAX_STRING_BYTES) {
                throw new IllegalArgumentException(field + " is " + utf8.length + " bytes of UTF-8, allowed at most "
                        + NcmFormat.MAX_STRING_BYTES);
            }
            u16(utf8.length);
            bytes(utf8);
        }

        void pad() {
            for (int i = NcmFormat.padding(written); i > 0; i--) {
                u8(0);
            }
        }

        void tensor(double[] values, WeightType type) {
            for (double v : values) {
                switch (type) {
                    case F32 -> f32((float) v);
                    case F16 -> i16(Binary16.fromFloat((float) v));
                    case Q16 -> u32(Math.round(v * 65536.0));
                }
            }
        }
    }
}
