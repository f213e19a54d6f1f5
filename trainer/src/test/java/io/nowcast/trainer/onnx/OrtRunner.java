package io.nowcast.trainer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/** Runs an ONNX file on ONNX Runtime (Java): one float input [d0][d1][d2], the first output as [d0][O]. */
public final class OrtRunner {
    private OrtRunner() {
    }

    public static float[][] run(byte[] onnx, String input, float[][][] x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx, options);
                OnnxTensor tensor = OnnxTensor.createTensor(env, x);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }
}
