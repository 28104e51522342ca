package org.stackbridge.staff.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.stackbridge.core.report.Report;

/**
 * Charts of a report, drawn on the server with JFreeChart: lines for a time series, bars for a breakdown, one series
 * per value of the report's series column. SVG through JFreeSVG, PNG through ImageIO.
 */
public final class ReportCharts {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 480;

    static {
        // a server has no display; charts are drawn off-screen
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {
    }

    /** Whether the report has a chart at all (the overdue list does not). */
    public static boolean hasChart(Report r) {
        return r.chart().kind() != Report.Chart.Kind.NONE;
    }

    public static byte[] svg(Report r) {
        JFreeChart chart = chart(r);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] png(Report r) {
        BufferedImage image = chart(r).createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(Report r) {
        if (!hasChart(r)) {
            throw new IllegalArgumentException(r.name() + " has no chart");
        }
        Report.Chart c = r.chart();
        int x = r.column(c.x());
        int value = r.column(c.value());
        int series = c.series() == null ? -1 : r.column(c.series());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (List<Object> row : r.rows()) {
            String key = series < 0 ? c.value() : String.valueOf(row.get(series));
            String category = String.valueOf(row.get(x));
            Number n = (Number) row.get(value);
            Number before = data.getRowIndex(key) >= 0 && data.getColumnIndex(category) >= 0 ? data.getValue(key, category) : null;
            data.setValue(n.doubleValue() + (before == null ? 0 : before.doubleValue()), key, category);
        }
        String title = r.title() + (r.from() == null ? "" : " " + r.from() + " to " + r.to());
        JFreeChart chart = c.kind() == Report.Chart.Kind.LINE
                ? ChartFactory.createLineChart(title, c.x(), c.value(), data, PlotOrientation.VERTICAL, true, false, false)
                : ChartFactory.createBarChart(title, c.x(), c.value(), data, PlotOrientation.HORIZONTAL, series >= 0, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (c.kind() == Report.Chart.Kind.LINE && data.getColumnCount() > 31) {
            // a long daily series: keep the axis readable
            plot.getDomainAxis().setTickLabelsVisible(false);
        }
        return chart;
    }
}
