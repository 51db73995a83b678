package org.mynn.cli.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mynn.cli.option.Options;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Diagnosis;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;

/** Tells a person how training goes: what runs (two lines first), a progress bar on stderr, a line per epoch. */
public final class TrainingSession {

    private TrainingSession() {
    }

    /** @return " (95% 0.9542-0.9620)", the Wilson interval of an accuracy over {@code n} images; empty for none */
    public static String interval(double accuracy, int n) {
        if (n <= 0) {
            return "";
        }
        double[] ci = org.mynn.core.train.Confidence.wilson95(Math.round(accuracy * n), n);
        return String.format(Locale.ROOT, " (95%% %.4f-%.4f)", ci[0], ci[1]);
    }

    /**
     * @return what the run adds to the book, e.g. "2 hidden layers, relu, cross-entropy loss, augment shift:2"; empty for
     *         the book's
     */
    public static String pastTheBook(RunSpec run, TrainingData train) {
        List<String> parts = new ArrayList<>(run.pastTheBook());
        Provenance.DataReference ref = train.reference();
        if (ref != null && ref.augment() != null) {
            parts.add("augment " + ref.augment());
        }
        return String.join(", ", parts);
    }

    /**
     * @return the line that says which defaults a run past the book took, e.g. "the literature's defaults: the gradient
     *         rule and a fresh order every epoch (--rule book, --order file for the book's)"; null when none
     */
    public static String defaults(RunSpec run) {
        List<String> given = run.literatureDefaults();
        if (given.isEmpty()) {
            return null;
        }
        List<String> what = new ArrayList<>();
        List<String> back = new ArrayList<>();
        if (given.contains("rule")) {
            what.add("the gradient rule");
            back.add("--rule book");
        }
        if (given.contains("order")) {
            what.add("a fresh order every epoch");
            back.add("--order file");
        }
        return "so the literature's defaults: " + String.join(" and ", what) + " (" + String.join(", ", back)
                + " for the book's)";
    }

    /**
     * Prints what is about to be trained and how, and returns the listener that prints the rest.
     *
     * @param start where the run starts (a resumed run says so)
     */
    public static TrainingListener announce(Terminal terminal, RunSpec run, NeuralNetwork net, TrainingData train, int epochs,
            TrainingSettings settings, boolean quiet, TrainingPosition start, TrainingData test, Kernels kernels) {
        int tested = test == null ? 0 : test.size();
        terminal.out().printf(Locale.ROOT, "training %s (%s, lr %s, seed %d) on %s: %,d samples x %d epoch%s%n",
                net.shape(), net.activations().stream().map(Activation::name).distinct().collect(Collectors.joining(",")),
                net.learningRate(), net.provenance().seed(), train.name(), train.size(), epochs, epochs == 1 ? "" : "s");
        terminal.out().printf(Locale.ROOT, "  %s, %s, %d thread%s, %s kernels%n",
                settings.batch() == 1 ? "per-sample SGD" : "mini-batches of " + settings.batch(), settings.precision().label(),
                settings.threads(), settings.threads() == 1 ? "" : "s", kernels.name());
        String past = pastTheBook(run, train);
        if (!past.isEmpty()) {
            terminal.out().println("  past the book: " + past);
        }
        String defaults = defaults(run);
        if (defaults != null) {
            terminal.out().println("  " + defaults);
        } else if (settings.rule() != BackpropRule.BOOK || settings.order() != Order.FILE) {
            terminal.out().printf(Locale.ROOT, "  %s rule, %s%n", settings.rule().label(),
                    settings.order() == Order.FILE ? "the file's order" : "a fresh order every epoch");
        }
        if (settings.optimizer().optimizer().name().equals("adam") && settings.learningRate() > 0.01) {
            terminal.out().printf(Locale.ROOT, "  note: adam takes steps of about the learning rate whatever the gradient;"
                    + " %s is large for it (0.001 is usual: --lr 0.001)%n", settings.learningRate());
        }
        if (settings.batch() == 1 && settings.optimizer().optimizer().slots() > 0 && net.weightCount() > 100_000) {
            terminal.out().printf(Locale.ROOT, "  note: %s updates all %,d weights after every sample; with mini-batches"
                    + " (--batch 32) it runs far faster%n", settings.optimizer().spec(), net.weightCount());
        }
        if (start.epochsDone() > 0 || start.samplesDone() > 0) {
            terminal.out().printf(Locale.ROOT, "  continuing after %d epoch%s and %,d samples%n", start.epochsDone(),
                    start.epochsDone() == 1 ? "" : "s", start.samplesDone());
        }
        terminal.out().flush();
        ProgressBar bar = new ProgressBar(terminal, quiet);
        boolean[] partial = {start.samplesDone() > 0};
        Double[] lastLoss = {null};
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int total, int samples) {
                bar.epochStarted(epoch, total, samples);
            }

            @Override
            public void samplesDone(int done) {
                bar.samplesDone(done);
            }

            @Override
            public void epochFinished(Provenance.Epoch e) {
                bar.epochFinished(e);
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d", e.epoch()));
                if (e.loss() != null && !net.loss().name().equals("mse")) {
                    s.append(String.format(Locale.ROOT, "  training loss %.5f", e.loss()));
                }
                if (e.validation() != null) {
                    s.append(String.format(Locale.ROOT, "  validation %.4f", e.validation()));
                }
                if (e.accuracy() != null) {
                    s.append(String.format(Locale.ROOT, "  test accuracy %.4f%s  mse %.5f", e.accuracy(), interval(e.accuracy(),
                            tested), e.mse()));
                }
                s.append(String.format(Locale.ROOT, "  %.1f s", e.seconds()));
                if (!partial[0]) {
                    s.append(String.format(Locale.ROOT, "  %,.0f samples/s", train.size() / e.seconds()));
                }
                partial[0] = false;
                if (e.accuracy() != null && e.accuracy() <= 1.5 / train.classCount()) {
                    s.append(String.format(Locale.ROOT, "%n  (no better than guessing: %s)", Diagnosis.atChance(train,
                            e.epoch(), settings, net, lastLoss[0], e.loss()).render(Options::option)));
                }
                lastLoss[0] = e.loss();
                terminal.out().println(s);
                terminal.out().flush();
            }
        };
    }
}
