package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.model.Provenance;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Dataset;

/**
 * The book's experiments: train and test the network for every combination of learning rates, hidden sizes and
 * repeats, independent runs side by side on the cores, each reproducible by its seed (run r of a combination uses
 * {@code seed + r - 1}); accuracy after each epoch asked for. {@link SweepReport} writes the results as CSV, JSON
 * and charts; {@link SweepShards} puts the shards of a sweep run on several machines together.
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
            String options = SweepReport.describe(base);
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

    private final Runs runs;

    @Inject
    public SweepRunner(Runs runs) {
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
                        List<Provenance.Epoch> history = runs.trainer(p.settings(), TrainingListener.NONE).fit(p.start(),
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

    /** @return how many of {@code runs} runs shard {@code shard} of {@code shards} has */
    public static int shardSize(int runs, int shard, int shards) {
        return runs / shards + (shard - 1 < runs % shards ? 1 : 0);
    }
}
