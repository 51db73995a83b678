package org.mynn.core.train;

import org.mynn.core.MynnException;
import org.mynn.core.Precision;

/**
 * How training runs, as opposed to what it computes.
 *
 * @param threads   threads for the per-sample engine (the first matrix's rows are shared out) or the mini-batch
 *                  kernels; results of per-sample training do not depend on it
 * @param precision double (the seed's numbers) or float
 * @param batch     1 for the book's per-sample SGD; more for mini-batch gradient descent with the gradient
 *                  averaged over {@code batch} samples
 */
public record TrainingOptions(int threads, Precision precision, int batch) {

    /** The book's: one thread, double, per sample. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(1, Precision.DOUBLE, 1);

    public TrainingOptions {
        if (threads < 1 || threads > 256) {
            throw new MynnException("threads must be from 1 to 256 but is " + threads);
        }
        if (batch < 1) {
            throw new MynnException("batch must be at least 1 but is " + batch);
        }
        if (precision == null) {
            throw new MynnException("precision must be given");
        }
    }
}
