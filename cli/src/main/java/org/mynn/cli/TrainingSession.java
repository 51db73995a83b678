package org.mynn.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.TrainingFacts;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingOptions;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;

/** Trains a network while telling a person how it goes: a progress bar on stderr, a line per epoch on stdout. */
final class TrainingSession {

    private TrainingSession() {
    }

    static void run(Terminal terminal, NeuralNetwork net, TrainingData train, TrainingData test, int epochs,
            TrainingOptions options, boolean quiet) {
        terminal.out().printf(Locale.ROOT, "training %s (%s, lr %s, seed %d) on %s: %,d samples x %d epoch%s%n",
                shape(net), net.activations().stream().map(Activation::name).distinct().collect(Collectors.joining(",")),
                net.learningRate(), net.facts().getSeed(), train.name(), train.size(), epochs, epochs == 1 ? "" : "s");
        terminal.out().printf(Locale.ROOT, "  %s, %s, %d thread%s, %s kernels%n",
                options.batch() == 1 ? "per-sample SGD" : "mini-batches of " + options.batch(), options.precision().label(),
                options.threads(), options.threads() == 1 ? "" : "s", Kernels.DEFAULT.name());
        terminal.out().flush();
        ProgressBar bar = new ProgressBar(terminal, quiet);
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
                s.append(String.format(Locale.ROOT, "  %.1f s  %,.0f samples/s", e.seconds(), train.size() / e.seconds()));
                terminal.out().println(s);
                terminal.out().flush();
            }
        };
        new Trainer(lines, options).fit(net, train, test, epochs);
    }

    static String shape(NeuralNetwork net) {
        StringBuilder s = new StringBuilder();
        for (int size : net.layers()) {
            s.append(s.length() == 0 ? "" : "-").append(size);
        }
        return s.toString();
    }
}
