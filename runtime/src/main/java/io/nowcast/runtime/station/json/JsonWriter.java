package io.nowcast.runtime.station.json;

import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON document (RFC 8259) front to back, with no whitespace. Commas are placed by the
 * writer; the caller opens and closes objects and arrays in order. Non-finite numbers, which JSON
 * cannot carry, are written as {@code null}.
 */
public final class JsonWriter {
    private static final int MAX_DEPTH = 32;
    private final StringBuilder out = new StringBuilder(256);
    private final boolean[] first = new boolean[MAX_DEPTH]; // per open container: no member written yet
    private int depth;
    private boolean afterName;

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** The name of the next object member. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long v) {
        separate();
        out.append(v);
        return this;
    }

    /** A number; NaN and infinities become null. */
    public JsonWriter value(double v) {
        separate();
        if (Double.isFinite(v)) {
            out.append(v);
        } else {
            out.append("null");
        }
        return this;
    }

    /** A float written with the fewest digits that read back as the same float. */
    public JsonWriter value(float v) {
        separate();
        if (Float.isFinite(v)) {
            out.append(v);
        } else {
            out.append("null");
        }
        return this;
    }

    public JsonWriter value(boolean v) {
        separate();
        out.append(v);
        return this;
    }

    /** The document so far (complete once every container is closed). */
    @Override
    public String toString() {
        return out.toString();
    }

    public byte[] toBytes() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " JSON containers are still open");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonWriter open(char c) {
        separate();
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        out.append(c);
        first[depth++] = true;
        return this;
    }

    private JsonWriter close(char c) {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container to close with " + c);
        }
        depth--;
        out.append(c);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (!first[depth - 1]) {
                out.append(',');
            }
            first[depth - 1] = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
