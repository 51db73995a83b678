package org.mynn.core.loss;

import java.util.Arrays;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;

/**
 * The cross-entropy between the targets (one-hot: 1 at the label, 0 elsewhere) and the outputs read as probabilities:
 * {@code L = -sum t log o} after a softmax, or per output {@code -[t log o + (1 - t) log(1 - o)]} after a sigmoid. For
 * both the delta of the output layer is {@code t - o} (the output's own derivative cancels), so learning does not stall
 * when an output is confidently wrong, as it does with the mean squared error.
 */
public final class CrossEntropy implements Loss {

    /** Outputs are kept at least this far from 0 and 1 inside the logarithms. */
    private static final double TINY = 1e-300;

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double value(double[] o, double[] t, Activation f, int n) {
        boolean softmax = !f.elementwise();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s -= t[i] * Math.log(Math.max(o[i], TINY));
            if (!softmax) {
                s -= (1 - t[i]) * Math.log(Math.max(1 - o[i], TINY));
            }
        }
        return s;
    }

    @Override
    public void error(double[] o, double[] t, double[] e, int n) {
        for (int i = 0; i < n; i++) {
            e[i] = t[i] - o[i];
        }
    }

    /**
     * {@code d = t - o} after a sigmoid, whose derivative cancels against the loss's, and after a softmax
     * {@code t - o sum(t)}, which is {@code t - o} for one-hot targets; after another activation with outputs in (0, 1),
     * the loss's gradient carried back through it.
     */
    @Override
    public void delta(double[] o, double[] t, Activation f, double[] e, double[] d, int n) {
        if (!f.elementwise()) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += t[i];
            }
            for (int i = 0; i < n; i++) {
                d[i] = t[i] - o[i] * sum;
            }
            return;
        }
        if (f.name().equals("sigmoid")) {
            for (int i = 0; i < n; i++) {
                d[i] = t[i] - o[i];
            }
            return;
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = t[i] / Math.max(o[i], TINY) - (1 - t[i]) / Math.max(1 - o[i], TINY);
        }
        f.backward(o, g, d, n);
    }

    /** One-hot: 1 at the label, 0 elsewhere. */
    @Override
    public void targets(int label, double[] t, int n) {
        Arrays.fill(t, 0, n, 0.0);
        t[label] = 1.0;
    }

    @Override
    public void checkOutput(Activation f) {
        boolean probabilities = f.outputRange().lower() >= 0 && f.outputRange().upper() <= 1;
        boolean ok = f.elementwise() ? probabilities : f.name().equals("softmax");
        if (!ok) {
            throw new MynnException("the cross-entropy loss reads the outputs as probabilities, so the output layer must be"
                    + " softmax or sigmoid (outputs in (0, 1)), not " + f.name());
        }
    }

    @Override
    public String description() {
        return "-sum t log o with one-hot targets; the output layer softmax (or sigmoid)";
    }
}
