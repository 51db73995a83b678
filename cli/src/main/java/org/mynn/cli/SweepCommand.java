package org.mynn.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.Precision;
import org.mynn.core.TrainingFacts;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.AtomicFiles;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingOptions;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;
import org.mynn.render.ChartRenderer;
import org.mynn.render.ImageSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train and test over a grid of learning rates, epochs and hidden sizes, as the book's experiments.",
        description = "Train and test the book's network for every combination of the values given, independent runs"
                + " side by side on the cores, each reproducible by its seed (run r of a combination uses --seed + r - 1)."
                + " Writes results.csv, results.json and a chart of accuracy against each parameter that varies.",
        footer = {"", "Examples:", "  mynn sweep --lr 0.01,0.05,0.1,0.2,0.3 --epochs 1", "  mynn sweep --epochs 1..7 --repeats 3",
            "  mynn sweep --hidden 50,100,200,500 --epochs 5 --out hidden-sweep"})
final class SweepCommand extends BaseCommand {

    @Mixin
    DatasetOption named;

    @Option(names = "--lr", paramLabel = "LIST", defaultValue = "0.1", description = "learning rates, e.g. 0.01,0.1,0.3 (default: ${DEFAULT-VALUE})")
    String lrs;

    @Option(names = "--epochs", paramLabel = "LIST", defaultValue = "5", description = "epochs, e.g. 1..7 or 1,3,5 (default: ${DEFAULT-VALUE})")
    String epochs;

    @Option(names = "--hidden", paramLabel = "LIST", defaultValue = "200", description = "hidden nodes, e.g. 50,100,200,500 (default: ${DEFAULT-VALUE})")
    String hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid", description = "activation (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "1", description = "runs per combination, with seeds --seed .. --seed+K-1 (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the first run of each combination (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs at once (default: the cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep", description = "folder for the tables and charts (default: ${DEFAULT-VALUE})")
    Path out;

    private final DatasetSource datasets;
    private final ActivationRegistry activations;
    private final ChartRenderer charts;
    private final ImageSink images;

    @Inject
    SweepCommand(Terminal terminal, DatasetSource datasets, ActivationRegistry activations, ChartRenderer charts, ImageSink images) {
        super(terminal);
        this.datasets = datasets;
        this.activations = activations;
        this.charts = charts;
        this.images = images;
    }

    /** One result: a run's accuracy after a number of epochs. */
    record Result(double lr, int hidden, int epochs, int repeat, long seed, double accuracy, double mse, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        List<Double> lrList = parse("--lr", lrs, Double::parseDouble);
        List<Integer> epochList = ints("--epochs", epochs);
        List<Integer> hiddenList = ints("--hidden", hidden);
        for (double lr : lrList) {
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw usage("--lr values must be positive numbers but one is " + lr);
            }
        }
        if (repeats < 1) {
            throw usage("--repeats must be at least 1 but is " + repeats);
        }
        int workers = threads == null ? SpeedOptions.DEFAULT_THREADS : threads;
        if (workers < 1) {
            throw usage("--threads must be at least 1 but is " + workers);
        }
        Activation act;
        try {
            act = activations.get(activation);
        } catch (MynnException e) {
            throw usage("--activation: " + e.getMessage());
        }
        folder(out);
        String name = DataChoice.name(named);
        Dataset train = named.source(datasets).load(name, Split.TRAIN);
        Dataset test = named.source(datasets).load(name, Split.TEST);
        int maxEpochs = epochList.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Runnable> plan = new ArrayList<>();
        List<Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        int total = hiddenList.size() * lrList.size() * repeats;
        int[] finished = {0};
        for (int h : hiddenList) {
            for (double lr : lrList) {
                for (int r = 1; r <= repeats; r++) {
                    long s = seed + r - 1;
                    int repeat = r;
                    plan.add(() -> {
                        NeuralNetwork net = NeuralNetwork.builder(train.inputSize(), h, train.classCount()).activation(act)
                                .learningRate(lr).seed(s).build();
                        TrainingFacts f = new Trainer(TrainingListener.NONE, new TrainingOptions(1, Precision.DOUBLE, 1))
                                .fit(net, train, test, maxEpochs);
                        double secs = 0;
                        StringBuilder line = new StringBuilder();
                        for (TrainingFacts.Epoch e : f.getHistory()) {
                            secs += e.seconds();
                            if (epochList.contains(e.epoch())) {
                                results.add(new Result(lr, h, e.epoch(), repeat, s, e.accuracy(), e.mse(), secs));
                            }
                            line.append(String.format(Locale.ROOT, " %.4f", e.accuracy()));
                        }
                        synchronized (finished) {
                            finished[0]++;
                            out().printf(Locale.ROOT, "[%d/%d] lr %s  hidden %d  seed %d: accuracy after each epoch%s  (%.1f s)%n",
                                    finished[0], total, lr, h, s, line, secs);
                            out().flush();
                        }
                    });
                }
            }
        }
        out().printf(Locale.ROOT, "sweep: %d runs of up to %d epochs on %s, %d at a time%n", total, maxEpochs, name,
                Math.min(workers, total));
        out().flush();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, total));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : plan) {
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
        sorted.sort(java.util.Comparator.comparingInt(Result::hidden).thenComparingDouble(Result::lr)
                .thenComparingInt(Result::epochs).thenComparingInt(Result::repeat));
        writeTables(sorted, name);
        summary(sorted);
        chart(sorted, "learning rate", "lr", Result::lr, lrList.size(), r -> "hidden " + r.hidden() + ", " + epochs(r.epochs()), name);
        chart(sorted, "epochs", "epochs", r -> (double) r.epochs(), epochList.size(), r -> "lr " + r.lr() + ", hidden " + r.hidden(), name);
        chart(sorted, "hidden nodes", "hidden", r -> (double) r.hidden(), hiddenList.size(), r -> "lr " + r.lr() + ", " + epochs(r.epochs()), name);
        return 0;
    }

    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    private void writeTables(List<Result> results, String dataset) {
        StringBuilder csv = new StringBuilder("lr,hidden,epochs,repeat,seed,accuracy,mse,seconds\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.4f,%.6f,%.2f%n", r.lr(), r.hidden(), r.epochs(), r.repeat(),
                    r.seed(), r.accuracy(), r.mse(), r.seconds()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", r.lr());
            m.put("hidden", r.hidden());
            m.put("epochs", r.epochs());
            m.put("repeat", r.repeat());
            m.put("seed", r.seed());
            m.put("accuracy", r.accuracy());
            m.put("mse", Json.round(r.mse()));
            m.put("seconds", Json.round(r.seconds()));
            rows.add(m);
        }
        Path csvFile = out.resolve("results.csv");
        AtomicFiles.write(csvFile, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", dataset);
        doc.put("activation", activation);
        doc.put("results", rows);
        Path json = out.resolve("results.json");
        AtomicFiles.write(json, Json.write(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out().println("wrote " + csvFile);
        out().println("wrote " + json);
    }

    private void summary(List<Result> results) {
        out().println();
        out().printf(Locale.ROOT, "%-8s %-7s %-7s %9s %9s %9s %9s%n", "lr", "hidden", "epochs", "mean", "spread", "min", "max");
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(r.lr() + "|" + r.hidden() + "|" + r.epochs(), k -> new ArrayList<>()).add(r);
        }
        for (List<Result> g : groups.values()) {
            double[] acc = g.stream().mapToDouble(Result::accuracy).toArray();
            double mean = java.util.Arrays.stream(acc).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, acc.length - 1));
            Result r = g.get(0);
            out().printf(Locale.ROOT, "%-8s %-7d %-7d %9.4f %9s %9.4f %9.4f%n", r.lr(), r.hidden(), r.epochs(), mean,
                    acc.length > 1 ? String.format(Locale.ROOT, "%.4f", sd) : "-",
                    java.util.Arrays.stream(acc).min().orElse(Double.NaN), java.util.Arrays.stream(acc).max().orElse(Double.NaN));
        }
        out().println();
    }

    /** A chart of accuracy against one parameter, a line per combination of the others, when it took several values. */
    private void chart(List<Result> results, String label, String file, Function<Result, Double> x, int values,
            Function<Result, String> others, String dataset) {
        if (values < 2) {
            return;
        }
        Map<String, java.util.TreeMap<Double, List<Double>>> lines = new LinkedHashMap<>();
        for (Result r : results) {
            lines.computeIfAbsent(others.apply(r), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(x.apply(r), k -> new ArrayList<>()).add(r.accuracy());
        }
        List<ChartRenderer.SweepSeries> series = new ArrayList<>();
        for (Map.Entry<String, java.util.TreeMap<Double, List<Double>>> line : lines.entrySet()) {
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
        out().println("wrote " + png);
    }

    private <T> List<T> parse(String option, String text, Function<String, T> one) {
        List<T> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(one.apply(part.trim()));
            } catch (RuntimeException e) {
                throw usage(option + " must be values separated by commas but '" + part.trim() + "' is not one");
            }
        }
        return out;
    }

    private List<Integer> ints(String option, String text) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                if (p.contains("..")) {
                    int a = Integer.parseInt(p.substring(0, p.indexOf("..")).trim());
                    int b = Integer.parseInt(p.substring(p.indexOf("..") + 2).trim());
                    for (int v = a; v <= b; v++) {
                        values.add(v);
                    }
                } else {
                    values.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw usage(option + " must be whole numbers or ranges like 1..7 but '" + p + "' is neither");
            }
        }
        if (values.isEmpty() || values.first() < 1) {
            throw usage(option + " values must be at least 1");
        }
        if (values.size() > 1000) {
            throw usage(option + " has " + values.size() + " values; a sweep of more than 1000 is surely a typing error");
        }
        return new ArrayList<>(values);
    }
}
