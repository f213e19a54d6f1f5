package io.nowcast.trainer.onnx;

import io.nowcast.trainer.onnx.proto.Onnx.AttributeProto;
import io.nowcast.trainer.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One node of an imported graph: its attributes by name, and its name for messages. */
final class NodeView {
    private final NodeProto node;
    private final int index;

    NodeView(NodeProto node, int index) {
        this.node = node;
        this.index = index;
    }

    String op() {
        return node.getOpType();
    }

    /** "node 'NAME' (OP)", or the node's position when it has no name. */
    String where() {
        String name = node.getName().isEmpty() ? "#" + index : "'" + node.getName() + "'";
        return "node " + name + " (" + node.getOpType() + ")";
    }

    /** A failure at this node, one line. */
    OnnxImportException fail(String what) {
        return new OnnxImportException(where() + ": " + what);
    }

    List<String> inputs() {
        return node.getInputList();
    }

    List<String> outputs() {
        return node.getOutputList();
    }

    /** Input k, or "" when absent (an omitted optional input). */
    String input(int k) {
        return k < node.getInputCount() ? node.getInput(k) : "";
    }

    String domain() {
        return node.getDomain();
    }

    AttributeProto attribute(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return attribute(name) != null;
    }

    long integer(String name, long otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getI();
    }

    float real(String name, float otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getF();
    }

    /** An INTS attribute, or null when absent. */
    long[] ints(String name) {
        AttributeProto a = attribute(name);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.getInts(k);
        }
        return v;
    }

    String text(String name, String otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getS().toString(StandardCharsets.UTF_8);
    }

    List<String> strings(String name) {
        AttributeProto a = attribute(name);
        List<String> v = new ArrayList<>();
        if (a != null) {
            a.getStringsList().forEach(s -> v.add(s.toString(StandardCharsets.UTF_8)));
        }
        return v;
    }

    /** Names of all attributes, for refusing the ones an operator's support leaves out. */
    List<String> attributeNames() {
        return node.getAttributeList().stream().map(AttributeProto::getName).toList();
    }
}
