package io.nowcast.trainer.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts as PNG files (XChart, rendered without a display). */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One named line: x and y values of equal length. */
    public record Line(String name, double[] x, double[] y, boolean markers) {
    }

    private Charts() {
    }


    public static void line(Path png, String title, String xTitle, String yTitle, List<Line> lines, boolean logY)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: never hides a line
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Line l : lines) {
            XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
            s.setMarker(l.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }
}
