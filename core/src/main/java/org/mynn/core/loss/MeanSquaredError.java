package org.mynn.core.loss;

import org.mynn.core.activation.Activation;

/** The book's loss, {@code L = 1/2 sum (t - o)^2}: the error is {@code t - o}, the delta {@code (t - o) f'(o)}. */
public final class MeanSquaredError implements Loss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double value(double[] o, double[] t, Activation f, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (t[i] - o[i]) * (t[i] - o[i]);
        }
        return 0.5 * s;
    }

    @Override
    public void error(double[] o, double[] t, double[] e, int n) {
        for (int i = 0; i < n; i++) {
            e[i] = t[i] - o[i];
        }
    }

    @Override
    public String description() {
        return "1/2 sum (t - o)^2, the book's (targets 0.01 and 0.99)";
    }
}
