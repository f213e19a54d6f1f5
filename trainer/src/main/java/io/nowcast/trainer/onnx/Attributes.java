package io.nowcast.trainer.onnx;

import com.google.protobuf.ByteString;
import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto;
import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto.AttributeType;
import io.nowcast.trainer.onnx.proto.Onnx.GraphProto;
import java.nio.charset.StandardCharsets;

/** Node attributes, each with its type discriminator set as the ONNX IR requires. */
public final class Attributes {
    private Attributes() {
    }

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    public static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto strings(String name, String... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        for (String v : values) {
            b.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    public static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    public static AttributeProto graph(String name, GraphProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.GRAPH).setG(value).build();
    }
}
