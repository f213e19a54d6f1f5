package io.nowcast.trainer.report;

import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.eval.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The test-split part of a report: metrics as JSON values, a Markdown table, and two charts. */
public final class EvaluationReport {
    private static final int MAX_FORECAST_POINTS = 5000;

    private EvaluationReport() {
    }

    /** Per output: name, horizon, and RMSE/MAE per forecaster; plus prediction time per window. */
    public static Map<String, Object> json(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", e.set().size());
        List<Object> outputs = new ArrayList<>();
        for (int o = 0; o < e.set().spec().targets().size(); o++) {
            TargetSpec t = e.set().spec().targets().get(o);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", t.column());
            out.put("horizonSeconds", t.horizonSeconds());
            out.put("delta", t.delta());
            Map<String, Object> rmse = new LinkedHashMap<>();
            Map<String, Object> mae = new LinkedHashMap<>();
            for (int f = 0; f < e.forecasterNames().size(); f++) {
                rmse.put(e.forecasterNames().get(f), e.stats(f, o).rmse());
                mae.put(e.forecasterNames().get(f), e.stats(f, o).mae());
            }
            out.put("rmse", rmse);
            out.put("mae", mae);
            outputs.add(out);
        }
        m.put("outputs", outputs);
        Map<String, Object> timing = new LinkedHashMap<>();
        for (int f = 0; f < e.forecasterNames().size(); f++) {
            timing.put(e.forecasterNames().get(f), e.nanosPerWindow(f) / 1000);
        }
        m.put("microsecondsPerWindow", timing);
        return m;
    }

    /** A Markdown table: one row per output, RMSE / MAE per forecaster. */
    public static String markdownTable(Evaluation e) {
        StringBuilder sb = new StringBuilder("| output |");
        for (String name : e.forecasterNames()) {
            sb.append(' ').append(name).append(" RMSE / MAE |");
        }
        sb.append("\n|---|").append("---|".repeat(e.forecasterNames().size())).append('\n');
        for (int o = 0; o < e.set().spec().targets().size(); o++) {
            sb.append("| ").append(e.outputLabel(o)).append(" |");
            for (int f = 0; f < e.forecasterNames().size(); f++) {
                sb.append(String.format(Locale.ROOT, " %.4f / %.4f |", e.stats(f, o).rmse(), e.stats(f, o).mae()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Forecast vs actual of one output over the first test windows: actual and each forecaster. */
    public static void forecastChart(Evaluation e, int output, List<String> forecasters, Path png) throws IOException {
        WindowSet set = e.set();
        int n = Math.min(set.size(), MAX_FORECAST_POINTS);
        double[] x = new double[n];
        double[] actual = new double[n];
        long t0 = set.targetEpochSeconds(0, output);
        for (int s = 0; s < n; s++) {
            x[s] = (set.targetEpochSeconds(s, output) - t0) / 3600.0;
            actual[s] = set.actual(s, output);
        }
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(new Charts.Line("actual", x, actual, false));
        for (String name : forecasters) {
            int f = e.forecasterIndex(name);
            double[] y = new double[n];
            for (int s = 0; s < n; s++) {
                y[s] = e.forecast(f, output, s);
            }
            lines.add(new Charts.Line(name, x, y, false));
        }
        Charts.line(png, "Test split: " + e.outputLabel(output) + ", forecast vs actual", "hours from "
                + java.time.Instant.ofEpochSecond(t0), set.spec().targets().get(output).column(), lines, false);
    }

    /** RMSE against horizon for every output of {@code column}, one line per forecaster. */
    public static void errorByHorizonChart(Evaluation e, String column, Path png) throws IOException {
        List<Integer> outs = new ArrayList<>();
        for (int o = 0; o < e.set().spec().targets().size(); o++) {
            if (e.set().spec().targets().get(o).column().equals(column)) {
                outs.add(o);
            }
        }
        List<Charts.Line> lines = new ArrayList<>();
        for (int f = 0; f < e.forecasterNames().size(); f++) {
            double[] x = new double[outs.size()];
            double[] y = new double[outs.size()];
            for (int i = 0; i < outs.size(); i++) {
                x[i] = e.set().spec().targets().get(outs.get(i)).horizonSeconds() / 60.0;
                y[i] = e.stats(f, outs.get(i)).rmse();
            }
            lines.add(new Charts.Line(e.forecasterNames().get(f), x, y, true));
        }
        Charts.line(png, "Test RMSE of " + column + " by horizon", "horizon (minutes)", "RMSE", lines, false);
    }

    /** A file-name-safe form of a column name. */
    public static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
