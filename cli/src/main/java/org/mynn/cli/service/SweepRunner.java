package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.io.AtomicFiles;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.WeightInit;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Dataset;
import org.mynn.render.ChartRenderer;
import org.mynn.render.ImageSink;

/**
 * The book's experiments: train and test the network for every combination of learning rates, hidden sizes and
 * repeats, independent runs side by side on the cores, each reproducible by its seed (run r of a combination uses
 * {@code seed + r - 1}); accuracy after each epoch asked for. Writes the results as CSV, JSON and charts.
 */
public final class SweepRunner {

    /**
     * What to run.
     *
     * @param base    every setting but the grid's: the learning rate, hidden size, epochs and seed of each run replace
     *                its own (and each run trains on one thread)
     * @param epochs  the epochs to report, sorted; each run trains up to the largest
     * @param workers runs at once
     */
    public record Plan(Dataset train, Dataset test, List<Double> lrs, List<Integer> epochs, List<Integer> hidden,
            RunSpec base, int repeats, long seed, int workers) {

        /** @return what the sweep is, as its results files record it (and shards of it must share) */
        public Grid grid(String dataset) {
            String options = describe(base);
            return new Grid(dataset, String.join(",", base.activations().stream().map(Activation::name).toList()), lrs, epochs,
                    hidden, repeats, seed, options.isEmpty() ? null : options, base.validation() > 0, test.size());
        }

        /** @return the number of runs */
        public int runs() {
            return hidden.size() * lrs.size() * repeats;
        }

        /** @return the most epochs a run trains */
        public int maxEpochs() {
            return epochs.get(epochs.size() - 1);
        }

        /**
         * @return the specification of the run of hidden size {@code h}, learning rate {@code lr} and seed {@code s}
         * @throws org.mynn.core.SettingException naming the grid's setting whose value is wrong
         */
        public RunSpec run(int h, double lr, long s) {
            return base.toBuilder().layers((List<Integer>) null).hidden(h).lr(lr).epochs(maxEpochs()).seed(s).threads(1).build();
        }
    }

    /**
     * One result: a run's test accuracy after a number of epochs, and the seconds its training took up to then. With
     * validation data, also the validation accuracy; and when the recipe keeps the best epoch, the figures are those of
     * the epoch up to then with the best validation accuracy ({@code kept} its number).
     */
    public record Result(double lr, int hidden, int epochs, int repeat, long seed, double accuracy, double mse, double seconds,
            Double validation, int kept) {
    }

    /**
     * What a sweep is, written into its {@code results.json}: shards of one sweep have equal grids, and a merge is
     * written from it.
     *
     * @param recipe     the options past the book, as a command line gives them; null for none
     * @param validated  whether images were held out for validation
     * @param testImages the test images each accuracy is measured on
     */
    public record Grid(String dataset, String activation, List<Double> lrs, List<Integer> epochs, List<Integer> hidden,
            int repeats, long seed, String recipe, boolean validated, int testImages) {

        /** @return the number of runs */
        public int runs() {
            return hidden.size() * lrs.size() * repeats;
        }
    }

    /** Hears each finished run. */
    @FunctionalInterface
    public interface Progress {
        /** @param history the run's epochs, with their accuracy */
        void runFinished(int done, int total, double lr, int hidden, long seed, List<Provenance.Epoch> history, double seconds);
    }

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
    private final Runs runs;

    @Inject
    public SweepRunner(ChartRenderer charts, ImageSink images, Runs runs) {
        this.charts = charts;
        this.images = images;
        this.runs = runs;
    }

    /** Runs every combination; @return the results sorted by hidden, lr, epochs, repeat */
    public List<Result> run(Plan plan, Progress progress) throws InterruptedException {
        return run(plan, 1, 1, progress);
    }

    /**
     * Runs shard {@code shard} of {@code shards}: the runs (combination and repeat, in the order hidden, lr, repeat)
     * whose index is {@code shard - 1} modulo {@code shards}, so that the shards together run each exactly once.
     *
     * @return the results sorted by hidden, lr, epochs, repeat
     */
    public List<Result> run(Plan plan, int shard, int shards, Progress progress) throws InterruptedException {
        if (shards < 1 || shard < 1 || shard > shards) {
            throw new MynnException("a shard is K/N with 1 <= K <= N, not " + shard + "/" + shards);
        }
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        int total = shardSize(plan.runs(), shard, shards);
        int[] finished = {0};
        List<Runnable> jobs = new ArrayList<>();
        int index = 0;
        for (int h : plan.hidden()) {
            for (double lr : plan.lrs()) {
                for (int r = 1; r <= plan.repeats(); r++) {
                    if (index++ % shards != shard - 1) {
                        continue;
                    }
                    long s = plan.seed() + r - 1;
                    int repeat = r;
                    jobs.add(() -> {
                        Runs.Prepared p = runs.prepare(plan.run(h, lr, s), plan.train(), plan.test());
                        List<Provenance.Epoch> history = new Trainer(p.settings(), TrainingListener.NONE).fit(p.start(),
                                p.sets(), plan.maxEpochs(), TrainingPosition.START, TrainingControl.none()).network()
                                .provenance().history();
                        double secs = 0;
                        Provenance.Epoch best = null;
                        for (Provenance.Epoch e : history) {
                            secs += e.seconds();
                            if (best == null || (e.validation() != null && e.validation() > best.validation())) {
                                best = e;
                            }
                            Provenance.Epoch shown = plan.base().keepBest() ? best : e;
                            if (plan.epochs().contains(e.epoch())) {
                                results.add(new Result(lr, h, e.epoch(), repeat, s, shown.accuracy(), shown.mse(), secs,
                                        shown.validation(), shown.epoch()));
                            }
                        }
                        synchronized (finished) {
                            finished[0]++;
                            progress.runFinished(finished[0], total, lr, h, s, history, secs);
                        }
                    });
                }
            }
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.workers(), total));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(Result::hidden).thenComparingDouble(Result::lr)
                .thenComparingInt(Result::epochs).thenComparingInt(Result::repeat));
        return sorted;
    }

    /** A whole sweep put together from its shards. */
    public record Merged(Grid grid, List<Result> results, int shards) {
    }

    /**
     * Reads the results of the shards of one sweep ({@code results.json} in each folder) and puts them together.
     *
     * @throws MynnException when a folder holds no shard results, the shards are of different sweeps, or one is missing
     *                       or given twice, naming the folder
     */
    public static Merged merge(List<Path> dirs) {
        ObjectMapper mapper = new ObjectMapper();
        Grid grid = null;
        Path first = null;
        int shards = 0;
        Map<Integer, Path> seen = new TreeMap<>();
        List<Result> results = new ArrayList<>();
        for (Path dir : dirs) {
            Path file = dir.resolve("results.json");
            JsonNode doc;
            try {
                doc = mapper.readTree(Files.readAllBytes(file));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new MynnException(dir + ": holds no results.json (is it the --out of a 'mynn sweep --shard'?)");
            } catch (IOException e) {
                throw new MynnException(file + ": cannot be read: " + e.getMessage());
            }
            if (doc == null || !doc.has("shard") || !doc.has("sweep")) {
                throw new MynnException(file + ": is not the results of a shard (no 'shard'); merge the folders that"
                        + " 'mynn sweep --shard K/N' wrote");
            }
            Grid g;
            try {
                g = mapper.treeToValue(doc.get("sweep"), Grid.class);
            } catch (IOException e) {
                throw new MynnException(file + ": field 'sweep' is not a sweep's description: " + e.getMessage());
            }
            String[] kn = doc.get("shard").asText().split("/");
            int k;
            int n;
            try {
                k = Integer.parseInt(kn[0]);
                n = Integer.parseInt(kn[1]);
            } catch (RuntimeException e) {
                throw new MynnException(file + ": field 'shard' must be K/N but is " + doc.get("shard"));
            }
            if (grid == null) {
                grid = g;
                first = dir;
                shards = n;
            } else if (!grid.equals(g) || n != shards) {
                throw new MynnException(dir + ": is a shard of another sweep than " + first + " (" + (n != shards
                        ? "of " + n + " shards, not " + shards : describeDifference(grid, g)) + "); merge the shards of one sweep");
            }
            if (seen.containsKey(k)) {
                throw new MynnException(dir + ": is shard " + k + "/" + n + ", as " + seen.get(k) + " is: give each shard once");
            }
            seen.put(k, dir);
            for (JsonNode r : doc.get("results")) {
                results.add(new Result(r.get("lr").asDouble(), r.get("hidden").asInt(), r.get("epochs").asInt(),
                        r.get("repeat").asInt(), r.get("seed").asLong(), r.get("accuracy").asDouble(),
                        r.get("mseExact").asDouble(), r.get("secondsExact").asDouble(),
                        r.hasNonNull("validation") ? r.get("validation").asDouble() : null,
                        r.has("kept") ? r.get("kept").asInt() : r.get("epochs").asInt()));
            }
        }
        if (grid == null) {
            throw new MynnException("no shard folders given");
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= shards; k++) {
            if (!seen.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new MynnException("shards " + missing + " of " + shards + " are missing: give the folders of all " + shards);
        }
        results.sort(Comparator.comparingInt(Result::hidden).thenComparingDouble(Result::lr)
                .thenComparingInt(Result::epochs).thenComparingInt(Result::repeat));
        return new Merged(grid, results, shards);
    }

    private static String describeDifference(Grid a, Grid b) {
        List<String> d = new ArrayList<>();
        if (!a.dataset().equals(b.dataset())) {
            d.add("dataset " + b.dataset() + ", not " + a.dataset());
        }
        if (!a.lrs().equals(b.lrs())) {
            d.add("lr " + b.lrs() + ", not " + a.lrs());
        }
        if (!a.hidden().equals(b.hidden())) {
            d.add("hidden " + b.hidden() + ", not " + a.hidden());
        }
        if (!a.epochs().equals(b.epochs())) {
            d.add("epochs " + b.epochs() + ", not " + a.epochs());
        }
        if (a.repeats() != b.repeats() || a.seed() != b.seed()) {
            d.add("repeats/seed " + b.repeats() + "/" + b.seed() + ", not " + a.repeats() + "/" + a.seed());
        }
        if (d.isEmpty()) {
            d.add("activation or recipe differ");
        }
        return String.join("; ", d);
    }

    /** @return how many of {@code runs} runs shard {@code shard} of {@code shards} has */
    public static int shardSize(int runs, int shard, int shards) {
        return runs / shards + (shard - 1 < runs % shards ? 1 : 0);
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
