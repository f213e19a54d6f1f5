package io.nowcast.engine.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and validates an ncm-format-v1 file. Every rule of the contract is checked here, once, and
 * a broken file ends in a {@link ModelFormatException} naming the field, the value found and what
 * is allowed. The header and descriptors are checked against the file's length before any tensor
 * is allocated, so that a huge count in a small file costs nothing.
 *
 * <p>Order of checks: fixed header, descriptors (bounded by the file's length), the total length
 * the header implies against the real length, the CRC-32C trailer, then the tensors' values.
 */
public final class ModelReader {
    /** Larger files cannot be held in one array; no model within the contract's sizes needs it. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private ModelReader() {
    }

    /** Reads and validates the model in {@code file}. */
    public static Model read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(file + ": file is " + size + " bytes, more than any model reads ("
                    + MAX_FILE_BYTES + ")");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Validates and decodes the bytes of a model file; {@code source} names it in messages. */
    public static Model parse(byte[] bytes, String source) throws ModelFormatException {
        return new Parser(bytes, source).model();
    }

    /** One pass over the bytes, front to back. */
    private static final class Parser {
        private final ByteBuffer buf;
        private final String source;

        Parser(byte[] bytes, String source) {
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.source = source;
        }

        Model model() throws ModelFormatException {
            need(NcmFormat.FIXED_HEADER_BYTES, "header");
            for (int k = 0; k < NcmFormat.MAGIC.length; k++) {
                if (buf.get() != NcmFormat.MAGIC[k]) {
                    throw fail(0, "magic", hex(buf.array(), 0, 4), "4E 43 4D 31 (\"NCM1\")");
                }
            }
            int version = u16();
            if (version != NcmFormat.VERSION) {
                throw fail(4, "version", version, "1");
            }
            int flags = u16();
            if (flags != 0) {
                throw fail(6, "flags", "0x" + Integer.toHexString(flags), "0 (no flag bits are defined in v1)");
            }
            WeightType weightType = WeightType.ofCode(u8());
            if (weightType == null) {
                throw fail(8, "weightType", buf.get(8) & 0xFF, "0 (f32), 1 (f16) or 2 (q16)");
            }
            CellActivation cell = CellActivation.ofCode(u8());
            if (cell == null) {
                throw fail(9, "cellActivation", buf.get(9) & 0xFF, "0 (tanh) or 1 (isru)");
            }
            GateActivation gate = GateActivation.ofCode(u8());
            if (gate == null) {
                throw fail(10, "gateActivation", buf.get(10) & 0xFF, "0 (sigmoid) or 1 (isru-sigmoid)");
            }
            zero(u8(), 11, "reserved byte");
            int inputCount = inRange(u16(), 12, "inputCount", 1, Model.MAX_INPUTS);
            int layerCount = inRange(u16(), 14, "layerCount", 1, Model.MAX_LAYERS);
            int outputCount = inRange(u16(), 16, "outputCount", 1, Model.MAX_OUTPUTS);
            zero(u16(), 18, "reserved u16");
            int window = (int) inRange(u32(), 20, "window", 1, Model.MAX_WINDOW);
            long interval = inRange(u32(), 24, "intervalSeconds", 1, 0xFFFF_FFFFL);

            need(2L * layerCount, "hidden sizes");
            int[] hidden = new int[layerCount];
            for (int l = 0; l < layerCount; l++) {
                hidden[l] = inRange(u16(), buf.position() - 2, "hidden size H_" + l, 1, Model.MAX_HIDDEN);
            }
            List<InputSpec> inputs = new ArrayList<>(inputCount);
            for (int k = 0; k < inputCount; k++) {
                String field = "input " + k;
                String name = str(field + " name");
                String unit = str(field + " unit");
                float mean = finite(field + " (" + name + ") mean");
                float std = positive(field + " (" + name + ") std");
                inputs.add(new InputSpec(name, unit, mean, std));
            }
            List<OutputSpec> outputs = new ArrayList<>(outputCount);
            for (int k = 0; k < outputCount; k++) {
                String field = "output " + k;
                String name = str(field + " name");
                String unit = str(field + " unit");
                need(4, field + " horizonSeconds");
                long horizon = u32();
                need(2, field + " baseInput");
                int base = buf.getShort();
                if (base < -1 || base >= inputCount) {
                    throw fail(buf.position() - 2, field + " (" + name + ") baseInput", base,
                            "-1 or an input index 0.." + (inputCount - 1));
                }
                float mean = finite(field + " (" + name + ") mean");
                float std = positive(field + " (" + name + ") std");
                outputs.add(new OutputSpec(name, unit, horizon, base, mean, std));
            }
            String description = str("description");
            padding("descriptor padding");

            long tensorValues = 0;
            int n = inputCount;
            for (int h : hidden) {
                tensorValues += 4L * h * (n + h + 1);
                n = h;
            }
            tensorValues += (long) outputCount * (n + 1);
            long tensorBytes = tensorValues * weightType.bytesPerValue;
            long expectedLength = buf.position() + tensorBytes + NcmFormat.padding(tensorBytes) + NcmFormat.TRAILER_BYTES;
            if (expectedLength != buf.capacity()) {
                throw new ModelFormatException(source + ": file length is " + buf.capacity() + " bytes, but its header ("
                        + "I=" + inputCount + ", H=" + java.util.Arrays.toString(hidden) + ", O=" + outputCount + ", "
                        + weightType + ") needs exactly " + expectedLength
                        + (expectedLength > buf.capacity() ? " (bytes are missing)" : " (bytes are left over)"));
            }
            checkCrc();

            List<LstmLayer> layers = new ArrayList<>(layerCount);
            n = inputCount;
            for (int l = 0; l < layerCount; l++) {
                int h = hidden[l];
                double[] w = tensor(weightType, 4 * h * n, "W_" + l);
                double[] u = tensor(weightType, 4 * h * h, "U_" + l);
                double[] b = tensor(weightType, 4 * h, "b_" + l);
                layers.add(new LstmLayer(n, h, w, u, b));
                n = h;
            }
            double[] wy = tensor(weightType, outputCount * n, "Wy");
            double[] by = tensor(weightType, outputCount, "by");
            padding("tensor padding");
            return new Model(weightType, cell, gate, window, interval, inputs, outputs, description, layers, wy, by);
        }

        private void checkCrc() throws ModelFormatException {
            int end = buf.capacity() - NcmFormat.TRAILER_BYTES;
            CRC32C crc = new CRC32C();
            crc.update(buf.array(), 0, end);
            long stored = buf.getInt(end) & 0xFFFF_FFFFL;
            if (stored != crc.getValue()) {
                throw new ModelFormatException(source + ": CRC-32C trailer at offset " + end + " is 0x"
                        + Long.toHexString(stored) + ", but the file's bytes give 0x" + Long.toHexString(crc.getValue())
                        + " (the file is damaged)");
            }
        }

        private double[] tensor(WeightType type, int count, String name) throws ModelFormatException {
            double[] values = new double[count];
            for (int k = 0; k < count; k++) {
                int offset = buf.position();
                double v = switch (type) {
                    case F32 -> buf.getFloat();
                    case F16 -> Binary16.toFloat(buf.getShort());
                    case Q16 -> buf.getInt() / 65536.0;
                };
                if (!Double.isFinite(v)) {
                    throw fail(offset, name + "[" + k + "]", v, "a finite number");
                }
                values[k] = v;
            }
            return values;
        }

        private void need(long bytes, String field) throws ModelFormatException {
            if (bytes > buf.remaining()) {
                throw new ModelFormatException(source + ": file ends at byte " + buf.capacity() + " inside " + field
                        + " (offset " + buf.position() + " needs " + bytes + " more bytes)");
            }
        }

        private int u8() {
            return buf.get() & 0xFF;
        }

        private int u16() {
            return buf.getShort() & 0xFFFF;
        }

        private long u32() {
            return buf.getInt() & 0xFFFF_FFFFL;
        }

        private float finite(String field) throws ModelFormatException {
            need(4, field);
            float v = buf.getFloat();
            if (!Float.isFinite(v)) {
                throw fail(buf.position() - 4, field, v, "a finite number");
            }
            return v;
        }

        private float positive(String field) throws ModelFormatException {
            float v = finite(field);
            if (!(v > 0)) {
                throw fail(buf.position() - 4, field, v, "a finite number > 0");
            }
            return v;
        }

        private String str(String field) throws ModelFormatException {
            need(2, field + " length");
            int length = u16();
            need(length, field);
            int offset = buf.position();
            try {
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(buf.slice(offset, length)).toString();
                buf.position(offset + length);
                return s;
            } catch (CharacterCodingException e) {
                throw fail(offset, field, hex(buf.array(), offset, Math.min(length, 16)) + (length > 16 ? "..." : ""),
                        "valid UTF-8");
            }
        }

        private void padding(String field) throws ModelFormatException {
            int pad = NcmFormat.padding(buf.position());
            need(pad, field);
            for (int k = 0; k < pad; k++) {
                zero(u8(), buf.position() - 1, field);
            }
        }

        private void zero(int value, int offset, String field) throws ModelFormatException {
            if (value != 0) {
                throw fail(offset, field, value, "0");
            }
        }

        private int inRange(int value, int offset, String field, int min, int max) throws ModelFormatException {
            return (int) inRange((long) value, offset, field, min, max);
        }

        private long inRange(long value, int offset, String field, long min, long max) throws ModelFormatException {
            if (value < min || value > max) {
                throw fail(offset, field, value, min + ".." + max);
            }
            return value;
        }

        private ModelFormatException fail(int offset, String field, Object found, String allowed) {
            return new ModelFormatException(source + ": " + field + " at offset " + offset + " is " + found
                    + ", allowed " + allowed);
        }

        private static String hex(byte[] b, int from, int count) {
            StringBuilder s = new StringBuilder();
            for (int k = from; k < from + count && k < b.length; k++) {
                if (s.length() > 0) {
                    s.append(' ');
                }
                s.append(String.format("%02X", b[k] & 0xFF));
            }
            return s.toString();
        }
    }
}
