package org.mynn.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.TrainingFacts;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingPosition;
import org.mynn.core.train.TrainingOptions;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;

/** Trains a network while telling a person how it goes: a progress bar on stderr, a line per epoch on stdout. */
final class TrainingSession {

    private TrainingSession() {
    }

    static void run(Terminal terminal, NeuralNetwork net, TrainingData train, TrainingData test, int epochs,
            TrainingOptions options, boolean quiet) {
        run(terminal, net, train, test, epochs, options, quiet, TrainingPosition.START, TrainingControl.none());
    }

    /** @return where training got to; {@code (epochs, 0)} unless it was asked to stop */
    static TrainingPosition run(Terminal terminal, NeuralNetwork net, TrainingData train, TrainingData test, int epochs,
            TrainingOptions options, boolean quiet, TrainingPosition start, TrainingControl control) {
        terminal.out().printf(Locale.ROOT, "training %s (%s, lr %s, seed %d) on %s: %,d samples x %d epoch%s%n",
                shape(net), net.activations().stream().map(Activation::name).distinct().collect(Collectors.joining(",")),
                net.learningRate(), net.facts().getSeed(), train.name(), train.size(), epochs, epochs == 1 ? "" : "s");
        terminal.out().printf(Locale.ROOT, "  %s, %s, %d thread%s, %s kernels%n",
                options.batch() == 1 ? "per-sample SGD" : "mini-batches of " + options.batch(), options.precision().label(),
                options.threads(), options.threads() == 1 ? "" : "s", Kernels.DEFAULT.name());
        terminal.out().flush();
        ProgressBar bar = new ProgressBar(terminal, quiet);
        boolean[] partial = {start.samplesDone() > 0};
        TrainingListener lines = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int total, int samples) {
                bar.epochStarted(epoch, total, samples);
            }

            @Override
            public void samplesDone(int done) {
                bar.samplesDone(done);
            }

            @Override
            public void epochFinished(TrainingFacts.Epoch e) {
                bar.epochFinished(e);
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d", e.epoch()));
                if (e.accuracy() != null) {
                    s.append(String.format(Locale.ROOT, "  test accuracy %.4f  mse %.5f", e.accuracy(), e.mse()));
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
        if (start.epochsDone() > 0 || start.samplesDone() > 0) {
            terminal.out().printf(Locale.ROOT, "  continuing after %d epoch%s and %,d samples%n", start.epochsDone(),
                    start.epochsDone() == 1 ? "" : "s", start.samplesDone());
        }
        return new Trainer(lines, options).fit(net, train, test, epochs, start, control);
    }

    static String shape(NeuralNetwork net) {
        StringBuilder s = new StringBuilder();
        for (int size : net.layers()) {
            s.append(s.length() == 0 ? "" : "-").append(size);
        }
        return s.toString();
    }
}
