package org.mynn.core.loss;

import org.mynn.core.MynnException;
import org.mynn.core.Plugin;
import org.mynn.core.activation.Activation;

/**
 * A loss: what training makes small, the second kind of mynn's plugins. Given a sample's outputs {@code o} (made by the
 * output layer's activation {@code f}) and targets {@code t}: its value, the output error the book's rule splits back,
 * and the delta {@code -dL/dz} of the output layer, from which backpropagation starts.
 *
 * <p>Found by {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/org.mynn.core.loss.Loss}),
 * stored in model files by its {@link #name()}, checked by {@link LossContract}.
 */
public interface Loss extends Plugin {

    /** The book's loss, the default. */
    Loss MSE = new MeanSquaredError();

    /** @return {@code L(o, t)} of one sample */
    double value(double[] o, double[] t, Activation f, int n);

    /**
     * The output error the book's rule splits back through the weights ({@code e_h = W^T e}); {@code t - o} for both
     * built-ins.
     *
     * @param e modified
     */
    void error(double[] o, double[] t, double[] e, int n);

    /**
     * The delta of the output layer, {@code d = -dL/dz}: what its weights are updated with and, under the gradient
     * rule, what is sent back. By default the error carried back through the activation, {@code f.backward(o, e)}
     * (for the mean squared error exactly the book's {@code e * f'(o)}).
     *
     * @param e the {@link #error}; not modified
     * @param d modified; may be {@code e}
     */
    default void delta(double[] o, double[] t, Activation f, double[] e, double[] d, int n) {
        f.backward(o, e, d, n);
    }

    /**
     * Makes the book's targets (0.01 everywhere, 0.99 at the label) this loss's; by default they stay as they are.
     *
     * @param t modified
     */
    default void targets(int label, double[] t, int n) {
    }

    /** @throws MynnException when this loss cannot follow the output activation {@code f} */
    default void checkOutput(Activation f) {
    }
}
