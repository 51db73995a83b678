package org.mynn.core.activation;

import org.mynn.core.kernel.Kernels;

/** The logistic sigmoid {@code 1 / (1 + e^-x)} of the book ({@code scipy.special.expit}); inverse: the logit. */
public final class Sigmoid implements Activation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double apply(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** In float, with the kernels' vector exponential. */
    @Override
    public void apply(float[] z, int off, int n, Kernels kernels) {
        for (int i = off; i < off + n; i++) {
            z[i] = -z[i];
        }
        kernels.exp(z, off, n);
        for (int i = off; i < off + n; i++) {
            z[i] = 1f / (1f + z[i]);
        }
    }

    @Override
    public double derivativeFromOutput(double y) {
        return y * (1.0 - y);
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    /** The logit {@code ln(y / (1 - y))}, as {@code scipy.special.logit}. */
    @Override
    public double inverse(double y) {
        return Math.log(y / (1.0 - y));
    }

    @Override
    public Interval outputRange() {
        return new Interval(0, 1);
    }

    @Override
    public String description() {
        return "1/(1+e^-x), the book's activation";
    }

    @Override
    public OnnxForm onnx() {
        return OnnxForm.of("Sigmoid");
    }
}
