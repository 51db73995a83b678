package org.mynn.core.activation;

/**
 * The softmax, a whole-layer function: {@code y_i = e^{x_i} / sum_j e^{x_j}}, outputs in (0, 1) summing to 1, read
 * as the probability of each class. Computed as {@code e^{x_i - max x}} so that large inputs do not overflow. Its
 * Jacobian is {@code dy_i/dx_j = y_i (delta_ij - y_j)}, so {@link #backward} is {@code y_i (u_i - sum_j u_j y_j)}; with
 * the cross-entropy loss the output layer's delta is simply {@code t - y}. Its inverse is the logarithm, up to a
 * constant that backquery's rescaling removes.
 */
public final class Softmax implements Activation {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    /** @throws UnsupportedOperationException always: the softmax of one number means nothing */
    @Override
    public double apply(double x) {
        throw new UnsupportedOperationException("softmax is a whole-layer function: apply it to a layer's inputs");
    }

    /** @return {@code y (1 - y)}, the diagonal of the Jacobian (the layer's gradient is {@link #backward}) */
    @Override
    public double derivativeFromOutput(double y) {
        return y * (1.0 - y);
    }

    @Override
    public void apply(double[] in, double[] out, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, in[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(in[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
    }

    @Override
    public void backward(double[] y, double[] up, double[] out, int n) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += up[i] * y[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] = y[i] * (up[i] - dot);
        }
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    /** The logarithm: the input up to a constant shared by the whole layer. */
    @Override
    public double inverse(double y) {
        return Math.log(y);
    }

    /** The logarithms, centred to mean 0: the inputs up to the constant the outputs cannot tell. */
    @Override
    public void inverse(double[] y, double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(y[i]);
            mean += x[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            x[i] -= mean;
        }
    }

    @Override
    public Interval outputRange() {
        return new Interval(0, 1);
    }

    @Override
    public String description() {
        return "e^x / sum e^x over the layer: class probabilities (use with --loss cross-entropy)";
    }

    @Override
    public OnnxForm onnx() {
        return new OnnxForm("Softmax", null, java.util.Map.of("axis", 1L));
    }
}
