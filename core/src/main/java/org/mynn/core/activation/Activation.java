package org.mynn.core.activation;

import org.mynn.core.kernel.Kernels;

import org.mynn.core.Plugin;

/**
 * An activation function: the first kind of mynn's plugins.
 *
 * <p>Implementations are stateless and found by {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.mynn.core.activation.Activation} of a jar and put the jar on the classpath (or in
 * the plugins folder of the command line). Models store the activation by its {@link #name()}, never by class
 * name, so a name must never change once models were saved with it.
 *
 * <p>A contract test ({@code ActivationContractTest}) checks every activation it can find: the derivative against
 * finite differences, the inverse round trip, the name pattern.
 */
public interface Activation extends Plugin {

    /** @return the stable, unique, lowercase name stored in model files, e.g. {@code sigmoid} */
    @Override
    String name();

    /** @return {@code y = f(x)} */
    double apply(double x);

    /**
     * The derivative written in terms of the output, as the book's update rule needs it:
     * {@code f'(x)} expressed through {@code y = f(x)}; for the sigmoid {@code y * (1 - y)}.
     *
     * @param y an output of {@link #apply(double)}
     */
    double derivativeFromOutput(double y);

    /** @return true when {@link #inverse(double)} is available, which backquery needs */
    default boolean hasInverse() {
        return false;
    }

    /**
     * {@code x = f^-1(y)}, used by backquery (for the sigmoid, the logit).
     *
     * @throws UnsupportedOperationException when {@link #hasInverse()} is false
     */
    default double inverse(double y) {
        throw new UnsupportedOperationException("activation '" + name() + "' has no inverse");
    }

    /**
     * Backquery's inverse of a whole layer: {@code x[i] = inverse(y[i])} for {@code i < n} by default. A whole-layer
     * function gives the inputs as far as its outputs tell them (the softmax: the logarithm, centred to mean 0).
     *
     * @param y not modified
     * @param x modified; may be {@code y}
     * @throws UnsupportedOperationException when {@link #hasInverse()} is false
     */
    default void inverse(double[] y, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = inverse(y[i]);
        }
    }

    /** @return the set of values {@link #apply(double)} can return, e.g. (0, 1) for the sigmoid */
    Interval outputRange();

    /**
     * The finite range backquery rescales a layer's signals into (it uses the middle 98%, as the seed's
     * {@code *0.98 + 0.01} does for the sigmoid's (0, 1)). By default the output range where it is finite;
     * a half-open range {@code [a, inf)} becomes {@code [a, a + 1]}, and the whole line {@code [-1, 1]}.
     */
    default Interval nominalRange() {
        Interval r = outputRange();
        if (r.isBounded()) {
            return r;
        }
        if (Double.isFinite(r.lower())) {
            return new Interval(r.lower(), r.lower() + 1);
        }
        if (Double.isFinite(r.upper())) {
            return new Interval(r.upper() - 1, r.upper());
        }
        return new Interval(-1, 1);
    }

    /**
     * How this activation is written in an ONNX graph ({@code mynn export-onnx}), and recognised when one is read
     * ({@code mynn import-onnx}): an ONNX operator with its attributes. A plugin without an ONNX form cannot be
     * exported (the error names it).
     *
     * @return the form; null when the activation has none (the default)
     */
    default OnnxForm onnx() {
        return null;
    }

    /**
     * @return true (the default) when each output depends on its own input only, {@code y_i = f(x_i)}; false for a
     *         whole-layer function such as softmax, whose scalar {@link #apply(double)} and
     *         {@link #derivativeFromOutput(double)} are not used: {@link #apply(double[], double[], int)} and
     *         {@link #backward} are
     */
    default boolean elementwise() {
        return true;
    }

    /**
     * {@code out[i] = f(in[i])} for {@code i < n}; override when a faster bulk form exists (and a whole-layer function
     * must: it computes the layer's outputs from all its inputs).
     *
     * @param in  not modified
     * @param out modified; may be {@code in}
     */
    default void apply(double[] in, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = apply(in[i]);
        }
    }

    /**
     * The float form of {@link #apply(double[], double[], int)} for elementwise functions, in place: {@code z[off + i] =
     * f(z[off + i])} for {@code i < n}, to float accuracy (within a few float ulps of {@link #apply(double)}, which
     * {@link ActivationContract} checks). The float mini-batch engine calls it for hidden layers; by default each value
     * goes through {@link #apply(double)}. Override it with {@code kernels}' vector loops where they help (the sigmoid
     * uses {@link Kernels#exp}).
     *
     * @param z       modified
     * @param kernels the kernels of the run
     */
    default void apply(float[] z, int off, int n, Kernels kernels) {
        for (int i = off; i < off + n; i++) {
            z[i] = (float) apply((double) z[i]);
        }
    }

    /**
     * Carries a gradient back through the layer: given its outputs {@code y} and {@code up}, the gradient (or, for the
     * book's rule, the error) with respect to them, {@code out = J^T up} with {@code J = dy/dx}. For an elementwise
     * function {@code out[i] = up[i] * f'(x_i)}, written through the output as {@link #derivativeFromOutput}: that is
     * the default, in that order of multiplication (the training engines rely on the bits).
     *
     * @param y   the layer's outputs; not modified
     * @param up  not modified
     * @param out modified; may be {@code up}
     */
    default void backward(double[] y, double[] up, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = up[i] * derivativeFromOutput(y[i]);
        }
    }
}
