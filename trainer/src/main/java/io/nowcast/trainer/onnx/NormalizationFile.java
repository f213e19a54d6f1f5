package io.nowcast.trainer.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * import-onnx's {@code --normalization} file: names and scaling of the inputs and outputs, in the network's order.
 * <pre>
 * {"inputs":  [{"name": "temperature", "mean": 11.2, "std": 7.4}, ...],
 *  "outputs": [{"name": "temperature_3h", "mean": 11.3, "std": 7.5, "horizon_seconds": 10800}, ...]}
 * </pre>
 * Every key but "mean" and "std" may be left out; a list given here replaces the one from the flags.
 */
public record NormalizationFile(List<String> inputNames, List<Double> inputMeans, List<Double> inputStds,
        List<String> outputNames, List<Double> outputMeans, List<Double> outputStds, List<Long> horizons) {

    /** The settings with this file's lists in place of theirs (a name list only when every entry names one). */
    public ImportSettings applyTo(ImportSettings s) {
        return new ImportSettings(inputNames != null ? inputNames : s.inputNames(),
                outputNames != null ? outputNames : s.outputNames(), s.window(), s.intervalSeconds(),
                inputMeans != null ? inputMeans : s.inputMeans(), inputStds != null ? inputStds : s.inputStds(),
                outputMeans != null ? outputMeans : s.outputMeans(), outputStds != null ? outputStds : s.outputStds(),
                horizons != null ? horizons : s.horizonSeconds());
    }

    /** @throws OnnxImportException naming the file, and the key or position that is wrong */
    public static NormalizationFile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object root;
        try {
            root = new JsonText(text).document();
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(file + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new OnnxImportException(file + ": expected a JSON object with \"inputs\" and \"outputs\"");
        }
        Side in = side(file, top, "inputs");
        Side out = side(file, top, "outputs");
        return new NormalizationFile(in == null ? null : in.names, in == null ? null : in.means,
                in == null ? null : in.stds, out == null ? null : out.names, out == null ? null : out.means,
                out == null ? null : out.stds, out == null ? null : out.horizons);
    }

    private record Side(List<String> names, List<Double> means, List<Double> stds, List<Long> horizons) {
    }

    private static Side side(Path file, Map<?, ?> top, String key) {
        Object value = top.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> entries)) {
            throw new OnnxImportException(file + ": \"" + key + "\" is not a list");
        }
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        List<Long> horizons = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            String where = file + ": " + key + "[" + k + "]";
            if (!(entries.get(k) instanceof Map<?, ?> entry)) {
                throw new OnnxImportException(where + " is not an object");
            }
            for (Object name : entry.keySet()) {
                if (!List.of("name", "mean", "std", "horizon_seconds").contains(name)) {
                    throw new OnnxImportException(where + ": unknown key \"" + name + "\"");
                }
            }
            if (entry.get("name") instanceof String name) {
                names.add(name);
            }
            means.add(number(entry, "mean", where));
            stds.add(number(entry, "std", where));
            if (entry.containsKey("horizon_seconds")) {
                horizons.add(number(entry, "horizon_seconds", where).longValue());
            }
        }
        return new Side(names.size() == entries.size() ? names : null, means, stds,
                horizons.size() == entries.size() ? horizons : null);
    }

    private static Double number(Map<?, ?> entry, String key, String where) {
        if (!(entry.get(key) instanceof Double d)) {
            throw new OnnxImportException(where + ": \"" + key + "\" is " + (entry.containsKey(key) ? "not a number" : "missing"));
        }
        return d;
    }

    /** A strict reader of one JSON document (RFC 8259): objects keep their key order; numbers are Doubles. */
    private static final class JsonText {
        private final String s;
        private int p;

        JsonText(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (p != s.length()) {
                throw error("text after the JSON value");
            }
            return v;
        }

        private IllegalArgumentException error(String what) {
            int line = 1;
            for (int k = 0; k < Math.min(p, s.length()); k++) {
                line += s.charAt(k) == '\n' ? 1 : 0;
            }
            return new IllegalArgumentException("line " + line + ": " + what);
        }

        private void space() {
            while (p < s.length() && " \t\r\n".indexOf(s.charAt(p)) >= 0) {
                p++;
            }
        }

        private Object value() {
            space();
            if (p >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(p);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, p)) {
                    p += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            return number();
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            p++;
            space();
            if (p < s.length() && s.charAt(p) == '}') {
                p++;
                return m;
            }
            while (true) {
                space();
                if (p >= s.length() || s.charAt(p) != '"') {
                    throw error("expected a key");
                }
                String key = string();
                space();
                expect(':');
                if (m.put(key, value()) != null) {
                    throw error("key \"" + key + "\" given twice");
                }
                space();
                if (p < s.length() && s.charAt(p) == ',') {
                    p++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            p++;
            space();
            if (p < s.length() && s.charAt(p) == ']') {
                p++;
                return l;
            }
            while (true) {
                l.add(value());
                space();
                if (p < s.length() && s.charAt(p) == ',') {
                    p++;
                    continue;
                }
                expect(']');
                return l;
            }
        }

        private void expect(char c) {
            if (p >= s.length() || s.charAt(p) != c) {
                throw error("expected '" + c + "'");
            }
            p++;
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            p++;
            while (p < s.length() && s.charAt(p) != '"') {
                char c = s.charAt(p++);
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (p >= s.length()) {
                    break;
                }
                char e = s.charAt(p++);
                int at = "\"\\/bfnrt".indexOf(e);
                if (at >= 0) {
                    b.append("\"\\/\b\f\n\r\t".charAt(at));
                } else if (e == 'u' && p + 4 <= s.length()) {
                    try {
                        b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    p += 4;
                } else {
                    throw error("bad escape \\" + e);
                }
            }
            expect('"');
            return b.toString();
        }

        private Double number() {
            int start = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
                p++;
            }
            String t = s.substring(start, p);
            if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                p = start;
                throw error("expected a value");
            }
            return Double.valueOf(t);
        }
    }
}
