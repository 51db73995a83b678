package org.mynn.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.mynn.core.model.Provenance;

/** {@link ChartRenderer} drawn with JFreeChart. */
public final class JFreeChartRenderer implements ChartRenderer {

    private static final Color ACCURACY = new Color(31, 119, 180);
    private static final Color MSE = new Color(214, 39, 40);

    public JFreeChartRenderer() {
        Headless.ensure();
    }

    @Override
    public BufferedImage training(List<Provenance.Epoch> history, String title, int width, int height) {
        XYSeries acc = new XYSeries("test accuracy");
        XYSeries mse = new XYSeries("mean squared error");
        for (Provenance.Epoch e : history) {
            if (e.accuracy() != null) {
                acc.add(e.epoch(), e.accuracy());
            }
            if (e.mse() != null) {
                mse.add(e.epoch(), e.mse());
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "test accuracy",
                new XYSeriesCollection(acc), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        Draw.style(chart);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.setRenderer(0, Draw.lineRenderer(ACCURACY));
        NumberAxis mseAxis = new NumberAxis("mean squared error");
        mseAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, mseAxis);
        plot.setDataset(1, new XYSeriesCollection(mse));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, Draw.lineRenderer(MSE));
        return chart.createBufferedImage(width, height);
    }

    @Override
    public BufferedImage sweep(String title, String xLabel, List<SweepSeries> series, int width, int height) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (SweepSeries s : series) {
            YIntervalSeries line = new YIntervalSeries(s.name());
            for (int i = 0; i < s.x().length; i++) {
                line.add(s.x()[i], s.mean()[i], s.low()[i], s.high()[i]);
            }
            data.addSeries(line);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("test accuracy");
        y.setAutoRangeIncludesZero(false);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(6);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, series.size() > 1);
        Draw.style(chart);
        return chart.createBufferedImage(width, height);
    }

    @Override
    public BufferedImage curves(String title, String xLabel, List<Curve> curves, double target, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries line = new XYSeries(c.name(), false, true);
            for (int i = 0; i < c.x().length; i++) {
                line.add(c.x()[i], c.accuracy()[i]);
            }
            data.addSeries(line);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("test accuracy");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, curves.stream().allMatch(c -> c.x().length <= 30));
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        if (!Double.isNaN(target)) {
            plot.addRangeMarker(Draw.target(target));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Draw.style(chart);
        return chart.createBufferedImage(width, height);
    }

    @Override
    public BufferedImage confusion(int[][] counts, List<String> classes, String title, int width, int height) {
        int n = classes.size();
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        DefaultXYZDataset data = new DefaultXYZDataset();
        XYBlockRenderer renderer = new XYBlockRenderer();
        XYPlot plot = new XYPlot(data, Draw.axis("predicted", classes), Draw.axis("true", classes), renderer);
        plot.getRangeAxis().setInverted(true);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, width / (n * 6))));
        for (int t = 0; t < n; t++) {
            int rowSum = 0;
            for (int p = 0; p < n; p++) {
                rowSum += counts[t][p];
            }
            for (int p = 0; p < n; p++) {
                int i = t * n + p;
                xs[i] = p;
                ys[i] = t;
                zs[i] = rowSum == 0 ? 0 : Math.sqrt((double) counts[t][p] / rowSum);
                XYTextAnnotation label = new XYTextAnnotation(Integer.toString(counts[t][p]), p, t);
                label.setFont(font);
                label.setPaint(zs[i] > 0.6 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(label);
            }
        }
        data.addSeries("counts", new double[][] {xs, ys, zs});
        renderer.setPaintScale(new Draw.BluesScale());
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Draw.style(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return chart.createBufferedImage(width, height);
    }

    /**
     * The helpers whose signatures name JFreeChart's classes, apart: Guice reads the renderer's own methods when it
     * binds it, and would load JFreeChart for every command, also those that draw no chart.
     */
    private static final class Draw {

        private Draw() {
        }

        /** A dashed line across the chart at accuracy {@code y}, labelled with it. */
        private static org.jfree.chart.plot.ValueMarker target(double y) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(y, Color.DARK_GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(String.format(java.util.Locale.ROOT, "%.3f", y));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            return m;
        }

        private static SymbolAxis axis(String label, List<String> classes) {
            SymbolAxis a = new SymbolAxis(label, classes.toArray(new String[0]));
            a.setGridBandsVisible(false);
            a.setLowerMargin(0);
            a.setUpperMargin(0);
            return a;
        }

        private static XYLineAndShapeRenderer lineRenderer(Color c) {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setSeriesPaint(0, c);
            r.setSeriesStroke(0, new BasicStroke(2f));
            return r;
        }

        private static void style(JFreeChart chart) {
            chart.setBackgroundPaint(Color.WHITE);
            chart.getXYPlot().setBackgroundPaint(Color.WHITE);
            chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
            chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        }

        /** White for 0 to dark blue for 1 (matplotlib's Blues end points), linear. */
        private static final class BluesScale implements PaintScale {
            @Override
            public double getLowerBound() {
                return 0;
            }

            @Override
            public double getUpperBound() {
                return 1;
            }

            @Override
            public Paint getPaint(double value) {
                double t = Math.max(0, Math.min(1, value));
                return new Color((int) Math.round(247 + (8 - 247) * t), (int) Math.round(251 + (48 - 251) * t),
                        (int) Math.round(255 + (107 - 255) * t));
            }
        }
    }
}
