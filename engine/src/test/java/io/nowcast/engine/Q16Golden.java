package io.nowcast.engine;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the Q16 engine's golden files (src/test/resources/engine/q16/, see the README there): a model, a window
 * [T][I] and the engine's outputs for it, as float bits and as Q16.16 y'. Read from the class path, so that it works
 * from the engine's test-jar as well (PlatformCheck on an emulated ARM JVM).
 */
record Q16Golden(String name, Model model, float[] window, int[] outputBits, int[] normalized) {
    /** The four golden files, one per activation pair. */
    static final List<String> NAMES =
            List.of("tanh-sigmoid-f32", "tanh-isrusigmoid-f16", "isru-sigmoid-q16", "isru-isrusigmoid-f32");

    /** The golden file of this name (its .ncm and .golden). */
    static Q16Golden load(String name) throws IOException {
        Model model = ModelReader.parse(resource(name + ".ncm"), name + ".ncm");
        String text = new String(resource(name + ".golden"), StandardCharsets.UTF_8);
        return parse(name, model, text.lines().toList());
    }

    /** The stored outputs, as {@link #actual} prints an engine's. */
    String expected() {
        return lines("outputs", outputBits, true) + "\n" + lines("normalized", normalized, false);
    }

    /** The outputs of predict on the stored window with this engine: float bits (hex), then y' (Q16.16 raw). */
    String actual(Q16Engine engine) {
        int[] bits = new int[model.outputCount()];
        int[] y = new int[model.outputCount()];
        float[] out = new float[model.outputCount()];
        engine.predict(window, out);
        engine.normalizedOutputs(y);
        for (int o = 0; o < out.length; o++) {
            bits[o] = Float.floatToRawIntBits(out[o]);
        }
        return lines("outputs", bits, true) + "\n" + lines("normalized", y, false);
    }

    private static String lines(String key, int[] values, boolean hex) {
        StringBuilder s = new StringBuilder(key);
        for (int v : values) {
            s.append(' ').append(hex ? Integer.toHexString(v) : Integer.toString(v));
        }
        return s.toString();
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = Q16Golden.class.getResourceAsStream("/engine/q16/" + file)) {
            if (in == null) {
                throw new IOException("engine/q16/" + file + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Format: '#' comments; "window" then T lines of I float bit patterns in hex; "outputs" and O float bit patterns
     * in hex; "normalized" and O Q16.16 integers.
     */
    private static Q16Golden parse(String name, Model model, List<String> lines) {
        List<String> rows = new ArrayList<>();
        String outputs = null;
        String normalized = null;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.equals("window")) {
                continue;
            }
            if (line.startsWith("outputs ")) {
                outputs = line.substring(8);
            } else if (line.startsWith("normalized ")) {
                normalized = line.substring(11);
            } else {
                rows.add(line);
            }
        }
        if (rows.size() != model.window() || outputs == null || normalized == null) {
            throw new IllegalStateException(name + ".golden: expected " + model.window()
                    + " window rows, an outputs and a normalized line; found " + rows.size() + " rows");
        }
        float[] window = new float[model.window() * model.inputCount()];
        for (int t = 0; t < rows.size(); t++) {
            String[] cells = rows.get(t).trim().split("\\s+");
            if (cells.length != model.inputCount()) {
                throw new IllegalStateException(name + ".golden: window row " + t + " has " + cells.length
                        + " values, the model " + model.inputCount() + " inputs");
            }
            for (int k = 0; k < cells.length; k++) {
                window[t * model.inputCount() + k] = Float.intBitsToFloat(Integer.parseUnsignedInt(cells[k], 16));
            }
        }
        String[] o = outputs.trim().split("\\s+");
        String[] n = normalized.trim().split("\\s+");
        int[] outputBits = new int[o.length];
        int[] normalizedValues = new int[n.length];
        for (int k = 0; k < o.length; k++) {
            outputBits[k] = Integer.parseUnsignedInt(o[k], 16);
            normalizedValues[k] = Integer.parseInt(n[k]);
        }
        return new Q16Golden(name, model, window, outputBits, normalizedValues);
    }
}
