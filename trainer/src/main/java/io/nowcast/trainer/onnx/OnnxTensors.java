package io.nowcast.trainer.onnx;

import com.google.protobuf.ByteString;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto;
import io.nowcast.trainer.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX {@code TensorProto}s to and from {@link ConstTensor}s. Written tensors keep their values in {@code raw_data}
 * (little-endian, as the ONNX IR requires); read tensors may use raw_data or the typed fields (float_data,
 * int64_data, int32_data, double_data), as exporters differ.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, DataType.FLOAT, raw, dims);
    }

    static TensorProto int64s(String name, long[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return tensor(name, DataType.INT64, raw, dims);
    }

    private static TensorProto tensor(String name, DataType type, ByteBuffer raw, long... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw.flip()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /**
     * The values of a tensor stored in the file.
     *
     * @param where the node or initializer it belongs to, for messages
     * @throws OnnxImportException for external data or an element type other than float, double, int32, int64, bool
     */
    static ConstTensor decode(TensorProto t, String where) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxImportException(where + ": tensor '" + t.getName()
                    + "' keeps its data in an external file, which is not supported");
        }
        int[] dims = new int[t.getDimsCount()];
        long size = 1;
        for (int k = 0; k < dims.length; k++) {
            long d = t.getDims(k);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new OnnxImportException(where + ": tensor '" + t.getName() + "' has dimension " + d);
            }
            dims[k] = (int) d;
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new OnnxImportException(where + ": tensor '" + t.getName() + "' has more than 2^31 values");
            }
        }
        DataType type = DataType.forNumber(t.getDataType());
        boolean raw = t.hasRawData();
        ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int width = type == null ? 0 : switch (type) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case BOOL -> 1;
            default -> 0;
        };
        if (width == 0) {
            throw new OnnxImportException(where + ": tensor '" + t.getName() + "' has element type "
                    + (type == null ? t.getDataType() : type) + "; supported are float, double, int32, int64, bool");
        }
        long stored = raw ? bytes.remaining() / width : switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
        if (stored != size) { // checked before allocating: a damaged shape cannot make the import allocate gigabytes
            throw new OnnxImportException(where + ": tensor '" + t.getName() + "' holds " + stored
                    + " values, its shape needs " + size);
        }
        double[] v = new double[(int) size];
        for (int k = 0; k < v.length; k++) {
            v[k] = switch (type) {
                case FLOAT -> raw ? bytes.getFloat(4 * k) : t.getFloatData(k);
                case DOUBLE -> raw ? bytes.getDouble(8 * k) : t.getDoubleData(k);
                case INT64 -> raw ? bytes.getLong(8 * k) : t.getInt64Data(k);
                case INT32 -> raw ? bytes.getInt(4 * k) : t.getInt32Data(k);
                default -> raw ? bytes.get(k) : t.getInt32Data(k);
            };
        }
        return new ConstTensor(dims, v, type != DataType.FLOAT && type != DataType.DOUBLE);
    }
}
