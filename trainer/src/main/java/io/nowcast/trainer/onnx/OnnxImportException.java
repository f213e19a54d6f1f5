package io.nowcast.trainer.onnx;

/** An ONNX file that import-onnx cannot turn into a Nowcast model; the message is one line naming the node. */
public final class OnnxImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxImportException(String message) {
        super(message);
    }
}
