package io.nowcast.trainer.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts as PNG files (XChart, rendered without a display). */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One named line: x and y values of equal length; a NaN y leaves a gap. */
    public record Line(String name, double[] x, double[] y, boolean markers) {
    }

    /** One chart of a figure: its title, axis titles (with units) and lines. */
    public record Panel(String title, String xTitle, String yTitle, List<Line> lines) {
    }

    private Charts() {
    }

    public static void line(Path png, String title, String xTitle, String yTitle, List<Line> lines, boolean logY)
            throws IOException {
        XYChart chart = chart(new Panel(title, xTitle, yTitle, lines), HEIGHT);
        chart.getStyler().setYAxisLogarithmic(logY);
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }

    /** Panels one above the other in one PNG, each as wide as a single chart. */
    public static void panels(Path png, List<Panel> panels) throws IOException {
        int height = 450;
        BufferedImage image = new BufferedImage(WIDTH, height * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int p = 0; p < panels.size(); p++) {
                g.drawImage(BitmapEncoder.getBufferedImage(chart(panels.get(p), height)), 0, p * height, null);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static XYChart chart(Panel panel, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(panel.title()).xAxisTitle(panel.xTitle())
                .yAxisTitle(panel.yTitle()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: never hides a line
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Line l : panel.lines()) {
            XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
            s.setMarker(l.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }
}
