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
import org.mynn.core.activation.Activation;
import org.mynn.core.io.AtomicFiles;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Augment;
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
     * @param epochs  the epochs to report, sorted; each run trains up to the largest
     * @param workers runs at once
     * @param recipe  what every run adds to the book
     * @param augment makes the recipe's augmentations
     */
    public record Plan(Dataset train, Dataset test, List<Double> lrs, List<Integer> epochs, List<Integer> hidden,
            Activation activation, int repeats, long seed, int workers, Recipe recipe, Augment augment) {

        /** A plan of the book's runs. */
        public Plan(Dataset train, Dataset test, List<Double> lrs, List<Integer> epochs, List<Integer> hidden,
                Activation activation, int repeats, long seed, int workers) {
            this(train, test, lrs, epochs, hidden, activation, repeats, seed, workers, Recipe.BOOK, Augment.builtIn());
        }

        /** @return the number of runs */
        public int runs() {
            return hidden.size() * lrs.size() * repeats;
        }

        /** @return the most epochs a run trains */
        public int maxEpochs() {
            return epochs.get(epochs.size() - 1);
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

    /** Hears each finished run. */
    @FunctionalInterface
    public interface Progress {
        /** @param history the run's epochs, with their accuracy */
        void runFinished(int done, int total, double lr, int hidden, long seed, List<Provenance.Epoch> history, double seconds);
    }

    /** The results of one combination: mean, spread (sample standard deviation), smallest and largest accuracy. */
    public record Cell(double lr, int hidden, int epochs, int runs, double mean, double spread, double min, double max) {
    }

    private final ChartRenderer charts;
    private final ImageSink images;

    @Inject
    public SweepRunner(ChartRenderer charts, ImageSink images) {
        this.charts = charts;
        this.images = images;
    }

    /** Runs every combination; @return the results sorted by hidden, lr, epochs, repeat */
    public List<Result> run(Plan plan, Progress progress) throws InterruptedException {
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        int total = plan.runs();
        int[] finished = {0};
        List<Runnable> jobs = new ArrayList<>();
        for (int h : plan.hidden()) {
            for (double lr : plan.lrs()) {
                for (int r = 1; r <= plan.repeats(); r++) {
                    long s = plan.seed() + r - 1;
                    int repeat = r;
                    jobs.add(() -> {
                        Recipe recipe = plan.recipe();
                        NeuralNetwork net = recipe.configure(NeuralNetwork.builder(plan.train().inputSize(), h,
                                plan.train().classCount()), List.of(plan.activation()), 2).learningRate(lr).seed(s).build();
                        Trainer.Sets sets = recipe.sets(plan.train(), plan.test(), s, plan.augment());
                        List<Provenance.Epoch> history = new Trainer(recipe.configure(TrainingSettings.of(net)),
                                TrainingListener.NONE).fit(net, sets, plan.maxEpochs(), TrainingPosition.START,
                                        TrainingControl.none()).network().provenance().history();
                        double secs = 0;
                        Provenance.Epoch best = null;
                        for (Provenance.Epoch e : history) {
                            secs += e.seconds();
                            if (best == null || (e.validation() != null && e.validation() > best.validation())) {
                                best = e;
                            }
                            Provenance.Epoch shown = recipe.keepBest() ? best : e;
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

    /** @return one cell per combination of lr, hidden and epochs, in the order of {@code results} */
    public static List<Cell> summarize(List<Result> results) {
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
            cells.add(new Cell(r.lr(), r.hidden(), r.epochs(), acc.length, mean, sd, Arrays.stream(acc).min().orElse(Double.NaN),
                    Arrays.stream(acc).max().orElse(Double.NaN)));
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
        List<Path> written = new ArrayList<>();
        boolean validated = plan.recipe().validation() > 0;
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
        doc.put("activation", plan.activation().name());
        if (!plan.recipe().isBook()) {
            doc.put("recipe", describe(plan.recipe()));
        }
        doc.put("results", rows);
        Path json = out.resolve("results.json");
        AtomicFiles.write(json, Jsons.write(doc).getBytes(StandardCharsets.UTF_8));
        written.add(json);
        chart(results, "learning rate", "lr", Result::lr, plan.lrs().size(),
                r -> "hidden " + r.hidden() + ", " + epochs(r.epochs()), dataset, out, written);
        chart(results, "epochs", "epochs", r -> (double) r.epochs(), plan.epochs().size(),
                r -> "lr " + r.lr() + ", hidden " + r.hidden(), dataset, out, written);
        chart(results, "hidden nodes", "hidden", r -> (double) r.hidden(), plan.hidden().size(),
                r -> "lr " + r.lr() + ", " + epochs(r.epochs()), dataset, out, written);
        return written;
    }

    /** @return the recipe's options as a command line would give them, e.g. "--loss cross-entropy --bias" */
    public static String describe(Recipe r) {
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
        if (r.init() != org.mynn.core.model.WeightInit.RECEIVING) {
            parts.add("--init " + r.init().label());
        }
        if (!r.optimizer().plain()) {
            parts.add("--optimizer " + r.optimizer().spec());
        }
        if (!r.schedule().constant()) {
            parts.add("--lr-schedule " + r.schedule().spec());
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
