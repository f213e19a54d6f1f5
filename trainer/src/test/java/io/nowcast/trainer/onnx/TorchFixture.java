package io.nowcast.trainer.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fixture of trainer/src/test/onnx/make_fixtures.py: a torch.onnx.export file and what torch computed on a fixed
 * window, read from resources/onnx/NAME.onnx and NAME.json.
 *
 * @param window [T][I] the window torch was given
 * @param output [O] torch's output for it
 */
public record TorchFixture(String name, byte[] onnx, double[][] window, double[] output, boolean batchFirst) {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+(?:[eE][-+]?[0-9]+)?");

    public static TorchFixture load(String name) throws IOException {
        String json = new String(resource(name + ".json"), StandardCharsets.UTF_8);
        String window = json.substring(json.indexOf("\"window\""), json.indexOf("\"output\""));
        List<double[]> rows = new ArrayList<>();
        for (String row : window.split("\\],")) {
            double[] r = numbers(row);
            if (r.length > 0) {
                rows.add(r);
            }
        }
        double[] output = numbers(json.substring(json.indexOf("\"output\"")));
        return new TorchFixture(name, resource(name + ".onnx"), rows.toArray(double[][]::new), output,
                name.contains("batch_first"));
    }

    /** The window as the file's input: [1][T][I] when batch_first, else [T][1][I]. */
    public float[][][] input() {
        int t = window.length;
        int inputs = window[0].length;
        float[][][] x = batchFirst ? new float[1][t][inputs] : new float[t][1][inputs];
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < inputs; k++) {
                if (batchFirst) {
                    x[0][s][k] = (float) window[s][k];
                } else {
                    x[s][0][k] = (float) window[s][k];
                }
            }
        }
        return x;
    }

    private static double[] numbers(String text) {
        Matcher m = NUMBER.matcher(text);
        List<Double> v = new ArrayList<>();
        while (m.find()) {
            v.add(Double.parseDouble(m.group()));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = TorchFixture.class.getResourceAsStream("/onnx/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource onnx/" + file);
            }
            return in.readAllBytes();
        }
    }
}
