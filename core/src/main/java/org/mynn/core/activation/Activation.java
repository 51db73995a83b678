package org.mynn.core.activation;

/**
 * An activation function: the plugin interface of mynn.
 *
 * <p>Implementations are stateless and found by {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.mynn.core.activation.Activation} of a jar and put the jar on the classpath (or in
 * the plugins folder of the command line). Models store the activation by its {@link #name()}, never by class
 * name, so a name must never change once models were saved with it.
 *
 * <p>A contract test ({@code ActivationContractTest}) checks every activation it can find: the derivative against
 * finite differences, the inverse round trip, the name pattern.
 */
public interface Activation {

    /** What a {@link #name()} must look like: lowercase words of letters and digits joined by '-' or '_'. */
    String NAME_PATTERN = "[a-z][a-z0-9]*([-_][a-z0-9]+)*";

    /** @return the stable, unique, lowercase name stored in model files, e.g. {@code sigmoid} */
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

    /** @return one line for people, shown by {@code mynn activations} */
    default String description() {
        return "";
    }

    /**
     * {@code out[i] = f(in[i])} for {@code i < n}; override when a faster bulk form exists.
     *
     * @param in  not modified
     * @param out modified; may be {@code in}
     */
    default void apply(double[] in, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = apply(in[i]);
        }
    }
}
