package io.nowcast.trainer.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nowcast.trainer.onnx.proto.Onnx.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing .onnx files (a serialized ModelProto). */
public final class OnnxFiles {
    private OnnxFiles() {
    }

    /** @throws OnnxImportException naming the file when it is not an ONNX model */
    public static ModelProto read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            ModelProto model = ModelProto.parseFrom(bytes);
            if (!model.hasGraph()) {
                throw new OnnxImportException(file + ": not an ONNX model (no graph)");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(file + ": not an ONNX model (" + e.getMessage() + ")");
        }
    }

    public static void write(ModelProto model, Path file) throws IOException {
        Files.write(file, model.toByteArray());
    }
}
