package org.mynn.core.optimize;

import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * How a parameter moves, given the direction of steepest descent {@code dir = -dL/dp}: the third kind of mynn's
 * plugins. The book's plain step is {@code p += lr * dir} ({@link Sgd}); others keep state per parameter (momentum's
 * velocity, Adam's moments), which checkpoints save so that a resumed run goes on bit for bit.
 *
 * <p>An optimizer holds its own settings, typed (a record is the natural form: {@code record Momentum(double mu)}); the
 * instance {@link java.util.ServiceLoader} makes ({@code META-INF/services/org.mynn.core.optimize.Optimizer}, with a
 * public constructor without arguments) has the defaults, and {@link #configure} makes one with the numbers written
 * after its name. A plugin writes one {@link #step}; the engines step whole rows through it (the built-ins also
 * implement {@link RowSteps}, their tight loops, which must give the same bits). Named in the model's provenance,
 * checked by {@link OptimizerContract}.
 */
public interface Optimizer extends Plugin {

    /** @return how many values of state it keeps per parameter (0 for plain SGD) */
    int slots();

    /** @return how it is written with its settings, e.g. "momentum[:MU]" */
    String usage();

    /**
     * @param given the numbers after its name on the command line ({@code momentum:0.95} gives {0.95}); may be empty
     * @return this optimizer with those settings, the defaults filled in ({@link Settings} checks them)
     * @throws MynnException naming the setting that is out of range, or saying how many it takes
     */
    Optimizer configure(List<Double> given);

    /**
     * One parameter's step.
     *
     * @param p     the parameter
     * @param dir   the direction of steepest descent, {@code -dL/dp}
     * @param s     the learning rate and the step's number
     * @param state {@link #slots()} arrays; the parameter's values are at {@code at}; modified
     * @return the new value of the parameter
     */
    double step(double p, double dir, Step s, double[][] state, int at);
}
