package org.mynn.core.optimize;

/**
 * Whole rows of parameters at once: what the training engines call. The built-in optimizers implement it with tight
 * loops around their own step (a private method the compiler inlines), so that training runs as fast as hand-written
 * loops; any other {@link Optimizer} is stepped one parameter at a time through {@link #of}. Whichever way, each
 * parameter ends bit for bit where {@link Optimizer#step} puts it ({@link OptimizerContract} checks it): a float
 * parameter is widened to double, stepped, and rounded back to float.
 *
 * <p>The state of parameter {@code p[i]} is at {@code i} in each of {@code state}'s {@link Optimizer#slots()} arrays.
 */
public interface RowSteps {

    /** The parameters {@code p[off + j]}, {@code j < n}, of a row, with descent directions {@code a * x[j]}. */
    void row(double[] p, int off, int n, double a, double[] x, Step s, double[][] state);

    /** {@link #row(double[], int, int, double, double[], Step, double[][])} for float weights and inputs. */
    void row(float[] p, int off, int n, double a, float[] x, Step s, double[][] state);

    /** The parameters {@code p[off + j]}, {@code j < n}, with descent directions {@code dir[doff + j]}. */
    void each(double[] p, int off, int n, double[] dir, int doff, Step s, double[][] state);

    /** {@link #each(double[], int, int, double[], int, Step, double[][])} for float parameters and directions. */
    void each(float[] p, int off, int n, float[] dir, int doff, Step s, double[][] state);

    /** @return the optimizer's own row loops, or loops that call its {@link Optimizer#step} for each parameter */
    static RowSteps of(Optimizer o) {
        return o instanceof RowSteps r ? r : new EachParameter(o);
    }

    /** The loops for an optimizer that writes only {@link Optimizer#step}. */
    record EachParameter(Optimizer o) implements RowSteps {

        @Override
        public void row(double[] p, int off, int n, double a, double[] x, Step s, double[][] state) {
            for (int j = 0; j < n; j++) {
                p[off + j] = o.step(p[off + j], a * x[j], s, state, off + j);
            }
        }

        @Override
        public void row(float[] p, int off, int n, double a, float[] x, Step s, double[][] state) {
            for (int j = 0; j < n; j++) {
                p[off + j] = (float) o.step(p[off + j], a * x[j], s, state, off + j);
            }
        }

        @Override
        public void each(double[] p, int off, int n, double[] dir, int doff, Step s, double[][] state) {
            for (int j = 0; j < n; j++) {
                p[off + j] = o.step(p[off + j], dir[doff + j], s, state, off + j);
            }
        }

        @Override
        public void each(float[] p, int off, int n, float[] dir, int doff, Step s, double[][] state) {
            for (int j = 0; j < n; j++) {
                p[off + j] = (float) o.step(p[off + j], dir[doff + j], s, state, off + j);
            }
        }
    }
}
