package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mynn.cli.service.SweepRunner.Grid;
import org.mynn.cli.service.SweepRunner.Plan;
import org.mynn.cli.service.SweepRunner.Result;
import org.mynn.core.io.AtomicFiles;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.WeightInit;
import org.mynn.core.run.RunSpec;
import org.mynn.render.ChartRenderer;
import org.mynn.render.ImageSink;

/**
 * What a sweep's results say: one cell per combination with its mean, spread and 95% interval, written as
 * {@code results.csv}, {@code results.json} and a chart of accuracy against each parameter that took several values.
 */
public final class SweepReport {

    /**
     * The results of one combination: mean, spread (sample standard deviation), smallest and largest accuracy, and a
     * 95% interval: of the mean over the runs (Student's t) when there are several, else the Wilson interval of the one
     * run's accuracy over the test images.
     */
    public record Cell(double lr, int hidden, int epochs, int runs, double mean, double spread, double min, double max,
            double low, double high) {
    }

    /** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    private final ChartRenderer charts;
    private final ImageSink images;

    @Inject
    public SweepReport(ChartRenderer charts, ImageSink images) {
        this.charts = charts;
        this.images = images;
    }

    /** @return one cell per combination of lr, hidden and epochs, in the order of {@code results} */
    public static List<Cell> summarize(List<Result> results, int testImages) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(r.lr() + "|" + r.hidden() + "|" + r.epochs(), k -> new ArrayList<>()).add(r);
        }
        List<Cell> cells = new ArrayList<>();
        for (List<Result> g : groups.values()) {
            double[] acc = g.stream().mapToDouble(Result::accuracy).toArray();
            double mean = Arrays.stream(acc).average().orElse(Double.NaN);
            double sd = Math.sqrt(Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, acc.length - 1));
            Result r = g.get(0);
            double low;
            double high;
            if (acc.length > 1) {
                double t = acc.length - 1 <= T95.length ? T95[acc.length - 2] : org.mynn.core.train.Confidence.Z95;
                double half = t * sd / Math.sqrt(acc.length);
                low = Math.max(0, mean - half);
                high = Math.min(1, mean + half);
            } else {
                double[] ci = org.mynn.core.train.Confidence.wilson95(Math.round(acc[0] * testImages), testImages);
                low = ci[0];
                high = ci[1];
            }
            cells.add(new Cell(r.lr(), r.hidden(), r.epochs(), acc.length, mean, sd, Arrays.stream(acc).min().orElse(Double.NaN),
                    Arrays.stream(acc).max().orElse(Double.NaN), low, high));
        }
        return cells;
    }

    /**
     * Writes {@code results.csv}, {@code results.json} and a chart of accuracy against each parameter that took
     * several values, into {@code out}.
     *
     * @return the files written
     */
    public List<Path> write(Plan plan, List<Result> results, Path out, String dataset) {
        return write(plan.grid(dataset), results, out, null);
    }

    /**
     * Writes {@code results.csv} and {@code results.json} (and, unless this is a shard, the charts) into {@code out}.
     *
     * @param shard "K/N" for a shard's results, null for a whole sweep's
     * @return the files written
     */
    public List<Path> write(Grid grid, List<Result> results, Path out, String shard) {
        List<Path> written = new ArrayList<>();
        String dataset = grid.dataset();
        boolean validated = grid.validated();
        StringBuilder csv = new StringBuilder("lr,hidden,epochs,repeat,seed,accuracy,mse,seconds"
                + (validated ? ",validation,kept" : "") + "\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.4f,%.6f,%.2f", r.lr(), r.hidden(), r.epochs(), r.repeat(),
                    r.seed(), r.accuracy(), r.mse(), r.seconds()));
            csv.append(validated ? String.format(Locale.ROOT, ",%.4f,%d%n", r.validation(), r.kept()) : System.lineSeparator());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", r.lr());
            m.put("hidden", r.hidden());
            m.put("epochs", r.epochs());
            m.put("repeat", r.repeat());
            m.put("seed", r.seed());
            m.put("accuracy", r.accuracy());
            m.put("mse", Jsons.round(r.mse()));
            if (shard != null) {
                // the merge writes the whole sweep's files from these: every figure as it was
                m.put("mseExact", r.mse());
                m.put("secondsExact", r.seconds());
            }
            m.put("seconds", Jsons.round(r.seconds()));
            if (validated) {
                m.put("validation", r.validation());
                m.put("kept", r.kept());
            }
            rows.add(m);
        }
        Path csvFile = out.resolve("results.csv");
        AtomicFiles.write(csvFile, csv.toString().getBytes(StandardCharsets.UTF_8));
        written.add(csvFile);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", dataset);
        doc.put("activation", grid.activation());
        if (grid.recipe() != null) {
            doc.put("recipe", grid.recipe());
        }
        doc.put("sweep", grid);
        if (shard != null) {
            doc.put("shard", shard);
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Cell c : summarize(results, grid.testImages())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", c.lr());
            m.put("hidden", c.hidden());
            m.put("epochs", c.epochs());
            m.put("runs", c.runs());
            m.put("mean", c.mean());
            m.put("spread", c.runs() > 1 ? c.spread() : null);
            m.put("min", c.min());
            m.put("max", c.max());
            m.put("interval95", new double[] {c.low(), c.high()});
            cells.add(m);
        }
        doc.put("cells", cells);
        doc.put("results", rows);
        Path json = out.resolve("results.json");
        AtomicFiles.write(json, Jsons.write(doc).getBytes(StandardCharsets.UTF_8));
        written.add(json);
        if (shard != null) {
            return written;
        }
        chart(results, "learning rate", "lr", Result::lr, grid.lrs().size(),
                r -> "hidden " + r.hidden() + ", " + epochs(r.epochs()), dataset, out, written);
        chart(results, "epochs", "epochs", r -> (double) r.epochs(), grid.epochs().size(),
                r -> "lr " + r.lr() + ", hidden " + r.hidden(), dataset, out, written);
        chart(results, "hidden nodes", "hidden", r -> (double) r.hidden(), grid.hidden().size(),
                r -> "lr " + r.lr() + ", " + epochs(r.epochs()), dataset, out, written);
        return written;
    }

    /**
     * @return the settings of {@code r} past the book's defaults, as a command line gives them, e.g. "--loss
     *         cross-entropy --bias"; empty for the book's run
     */
    public static String describe(RunSpec r) {
        List<String> parts = new ArrayList<>();
        if (!r.loss().name().equals("mse")) {
            parts.add("--loss " + r.loss().name());
        }
        if (r.output() != null) {
            parts.add("--output " + r.output().name());
        }
        if (r.biases()) {
            parts.add("--bias");
        }
        if (r.init() != WeightInit.RECEIVING) {
            parts.add("--init " + r.init().label());
        }
        if (!r.optimizer().plain()) {
            parts.add("--optimizer " + r.optimizer().spec());
        }
        if (!r.schedule().constant()) {
            parts.add("--lr-schedule " + r.schedule().spec());
        }
        if (r.batch() > 1) {
            parts.add("--batch " + r.batch());
        }
        if (r.precision() != Precision.DOUBLE) {
            parts.add("--precision " + r.precision().label());
        }
        boolean book = r.book();
        if (r.rule() != (book ? BackpropRule.BOOK : BackpropRule.GRADIENT)) {
            parts.add("--rule " + r.rule().label());
        }
        if (r.order() != (book ? Order.FILE : Order.SHUFFLE)) {
            parts.add("--order " + r.order().label());
        }
        if (r.augment() != null) {
            parts.add("--augment " + r.augment().spec());
        }
        if (r.validation() > 0) {
            parts.add("--validation " + r.validation());
        }
        if (r.keepBest()) {
            parts.add("--keep best");
        }
        if (r.samples() > 0) {
            parts.add("--samples " + r.samples());
        }
        return String.join(" ", parts);
    }

    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** A chart of accuracy against one parameter, a line per combination of the others, when it took several values. */
    private void chart(List<Result> results, String label, String file, Function<Result, Double> x, int values,
            Function<Result, String> others, String dataset, Path out, List<Path> written) {
        if (values < 2) {
            return;
        }
        Map<String, TreeMap<Double, List<Double>>> lines = new LinkedHashMap<>();
        for (Result r : results) {
            lines.computeIfAbsent(others.apply(r), k -> new TreeMap<>()).computeIfAbsent(x.apply(r), k -> new ArrayList<>())
                    .add(r.accuracy());
        }
        List<ChartRenderer.SweepSeries> series = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> line : lines.entrySet()) {
            int n = line.getValue().size();
            double[] xs = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            int i = 0;
            for (Map.Entry<Double, List<Double>> point : line.getValue().entrySet()) {
                xs[i] = point.getKey();
                mean[i] = point.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                lo[i] = point.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                hi[i] = point.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                i++;
            }
            series.add(new ChartRenderer.SweepSeries(line.getKey(), xs, mean, lo, hi));
        }
        Path png = out.resolve("accuracy-vs-" + file + ".png");
        images.writePng(charts.sweep("Test accuracy against " + label + " (" + dataset + ")", label, series, 800, 500), png);
        written.add(png);
    }
}
