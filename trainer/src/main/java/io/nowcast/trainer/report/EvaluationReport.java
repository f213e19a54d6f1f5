package io.nowcast.trainer.report;

import io.nowcast.history.Durations;
import io.nowcast.trainer.data.ColumnUnits;
import io.nowcast.trainer.data.TargetSpec;
import io.nowcast.trainer.data.WindowSet;
import io.nowcast.trainer.eval.Evaluation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test-split part of a report: metrics as JSON values, a Markdown table, a sentence comparing
 * the model with the baselines, and two charts whose axes carry units.
 */
public final class EvaluationReport {
    private static final int MAX_FORECAST_POINTS = 5000;
    private static final long TWO_DAYS_SECONDS = 2 * 86400;

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

    /**
     * Forecast vs actual of one output, in two panels one above the other: the whole test period
     * (every window, or an even sample of at most {@value #MAX_FORECAST_POINTS}; gaps between
     * segments left open) and its first two days, every window, where single forecasts can be told
     * apart. The y axis says the unit.
     */
    public static void forecastChart(Evaluation e, int output, List<String> forecasters, String unit, Path png)
            throws IOException {
        WindowSet set = e.set();
        int n = set.size();
        long t0 = set.targetEpochSeconds(0, output);
        int stride = (n + MAX_FORECAST_POINTS - 1) / MAX_FORECAST_POINTS;
        int twoDays = 0;
        while (twoDays < n && set.targetEpochSeconds(twoDays, output) < t0 + TWO_DAYS_SECONDS) {
            twoDays++;
        }
        String y = ColumnUnits.label(set.spec().targets().get(output).column(), unit);
        String from = Instant.ofEpochSecond(t0).toString();
        Charts.Panel whole = panel(e, output, forecasters, n, stride, t0, 86400.0, "Test split: " + e.outputLabel(output)
                + ", forecast vs actual, whole period (" + n + " windows" + (stride > 1 ? ", one in " + stride + " shown" : "")
                + ")", "days from " + from, y);
        Charts.Panel zoom = panel(e, output, forecasters, twoDays, 1, t0, 3600.0, "The first two days of it",
                "hours from " + from, y);
        Charts.panels(png, List.of(whole, zoom));
    }

    /** Windows 0, stride, 2·stride … below {@code end}; a NaN point where target times jump (a gap). */
    private static Charts.Panel panel(Evaluation e, int output, List<String> forecasters, int end, int stride, long t0,
            double unitSeconds, String title, String xTitle, String yTitle) {
        WindowSet set = e.set();
        long step = set.spec().intervalSeconds();
        List<Integer> samples = new ArrayList<>(); // window index, or -1 for a gap
        int previous = -1;
        for (int s = 0; s < end; s += stride) {
            if (previous >= 0 && set.targetEpochSeconds(s, output) - set.targetEpochSeconds(previous, output)
                    > (long) (s - previous) * step) {
                samples.add(-1);
            }
            samples.add(s);
            previous = s;
        }
        int m = samples.size();
        double[] x = new double[m];
        double[] actual = new double[m];
        for (int i = 0; i < m; i++) {
            int s = samples.get(i);
            int at = s >= 0 ? s : samples.get(i - 1);
            x[i] = (set.targetEpochSeconds(at, output) - t0 + (s >= 0 ? 0 : step)) / unitSeconds;
            actual[i] = s >= 0 ? set.actual(s, output) : Double.NaN;
        }
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(new Charts.Line("actual", x, actual, false));
        for (String name : forecasters) {
            int f = e.forecasterIndex(name);
            if (f < 0) {
                continue;
            }
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                int s = samples.get(i);
                y[i] = s >= 0 ? e.forecast(f, output, s) : Double.NaN;
            }
            lines.add(new Charts.Line(name, x, y, false));
        }
        return new Charts.Panel(title, xTitle, yTitle, lines);
    }

    /** RMSE against horizon for every output of {@code column}, one line per forecaster; the y axis says the unit. */
    public static void errorByHorizonChart(Evaluation e, String column, String unit, Path png) throws IOException {
        List<Integer> outs = outputsOf(e, column);
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
        Charts.line(png, "Test RMSE of " + column + " by horizon", "horizon (minutes)",
                ColumnUnits.label("RMSE of " + column, unit), lines, false);
    }

    /**
     * One sentence on how the model (the first forecaster) compares with ridge regression and
     * persistence, from the RMSE of every output of {@code column}: "At 1h the model's RMSE of
     * temperature is 0.61 °C, 12 % below ridge (0.69 °C) and 48 % below persistence (1.17 °C); at 3h
     * it is …". A baseline the evaluation lacks is left out; one the model loses to is "above".
     */
    public static String comparison(Evaluation e, String column, String unit) {
        List<String> baselines = new ArrayList<>();
        for (String b : List.of("ridge", "persistence")) {
            if (e.forecasterIndex(b) > 0) {
                baselines.add(b);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int o : outputsOf(e, column)) {
            String horizon = Durations.formatSeconds(e.set().spec().targets().get(o).horizonSeconds());
            double model = e.stats(0, o).rmse();
            sb.append(sb.length() == 0 ? "At " + horizon + " the model's RMSE of " + column + " is " : "; at " + horizon + " it is ")
                    .append(ColumnUnits.value(significant(model), unit));
            for (int b = 0; b < baselines.size(); b++) {
                double base = e.stats(e.forecasterIndex(baselines.get(b)), o).rmse();
                sb.append(b == 0 ? ", " : " and ").append(relation(model, base)).append(' ').append(baselines.get(b))
                        .append(" (").append(ColumnUnits.value(significant(base), unit)).append(')');
            }
        }
        return sb.append('.').toString();
    }

    /**
     * The model's RMSE against a baseline's, as words before the baseline's name: "12 % below",
     * "7 % above", "level with" (within half a percent), or from twice the baseline's on
     * "2.8 times that of".
     */
    static String relation(double model, double baseline) {
        if (!(baseline > 0)) {
            return model == baseline ? "level with" : "above";
        }
        if (model >= 2 * baseline) {
            return new BigDecimal(model / baseline).round(new MathContext(2)).stripTrailingZeros().toPlainString()
                    + " times that of";
        }
        long percent = Math.round(100 * (baseline - model) / baseline);
        if (percent > 0) {
            return percent + " % below";
        }
        return percent < 0 ? -percent + " % above" : "level with";
    }

    /** Three significant digits, plain: 0.61449 → "0.614", 1.0028 → "1.00", 1234.5 → "1230". */
    static String significant(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(3));
        return (b.precision() < 3 ? b.setScale(b.scale() + 3 - b.precision()) : b).toPlainString();
    }

    private static List<Integer> outputsOf(Evaluation e, String column) {
        List<Integer> outs = new ArrayList<>();
        for (int o = 0; o < e.set().spec().targets().size(); o++) {
            if (e.set().spec().targets().get(o).column().equals(column)) {
                outs.add(o);
            }
        }
        return outs;
    }

    /** A file-name-safe form of a column name. */
    public static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
