package org.mynn.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;

/** Tells a person how training goes: what runs (two lines first), a progress bar on stderr, a line per epoch. */
final class TrainingSession {

    private TrainingSession() {
    }

    /** @return " (95% 0.9542-0.9620)", the Wilson interval of an accuracy over {@code n} images; empty for none */
    static String interval(double accuracy, int n) {
        if (n <= 0) {
            return "";
        }
        double[] ci = org.mynn.core.train.Confidence.wilson95(Math.round(accuracy * n), n);
        return String.format(Locale.ROOT, " (95%% %.4f-%.4f)", ci[0], ci[1]);
    }

    /** @return what the run adds to the book, e.g. "cross-entropy loss, biases, momentum:0.9"; empty for the book's */
    static String pastTheBook(NeuralNetwork net, TrainingData train, TrainingSettings settings) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!net.loss().name().equals("mse")) {
            parts.add(net.loss().name() + " loss");
        }
        if (net.hasBiases()) {
            parts.add("biases");
        }
        if (net.provenance().init() != null && net.provenance().init() != org.mynn.core.model.WeightInit.RECEIVING) {
            parts.add(net.provenance().init().label() + " init");
        }
        if (!settings.optimizer().plain()) {
            parts.add("optimizer " + settings.optimizer().spec());
        }
        if (!settings.schedule().constant()) {
            parts.add("lr schedule " + settings.schedule().spec());
        }
        Provenance.DataReference ref = train.reference();
        if (ref != null && ref.augment() != null) {
            parts.add("augment " + ref.augment());
        }
        return String.join(", ", parts);
    }

    /**
     * Prints what is about to be trained and how, and returns the listener that prints the rest.
     *
     * @param start where the run starts (a resumed run says so)
     */
    static TrainingListener announce(Terminal terminal, NeuralNetwork net, TrainingData train, int epochs,
            TrainingSettings settings, boolean quiet, TrainingPosition start, TrainingData test) {
        int tested = test == null ? 0 : test.size();
        terminal.out().printf(Locale.ROOT, "training %s (%s, lr %s, seed %d) on %s: %,d samples x %d epoch%s%n",
                net.shape(), net.activations().stream().map(Activation::name).distinct().collect(Collectors.joining(",")),
                net.learningRate(), net.provenance().seed(), train.name(), train.size(), epochs, epochs == 1 ? "" : "s");
        terminal.out().printf(Locale.ROOT, "  %s, %s, %d thread%s, %s kernels%n",
                settings.batch() == 1 ? "per-sample SGD" : "mini-batches of " + settings.batch(), settings.precision().label(),
                settings.threads(), settings.threads() == 1 ? "" : "s", Kernels.DEFAULT.name());
        String past = pastTheBook(net, train, settings);
        if (!past.isEmpty()) {
            terminal.out().println("  past the book: " + past);
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
                    s.append(String.format(Locale.ROOT, "%n  (no better than guessing: is the learning rate %s too large? "
                            + "the book uses 0.1)", net.learningRate()));
                }
                terminal.out().println(s);
                terminal.out().flush();
            }
        };
    }
}
