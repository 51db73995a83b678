package org.mynn.core.kernel;

/**
 * One step of a built-in optimizer in float, as the float engines apply it to float weights with float state: the
 * settings and this step's learning rate (and Adam's bias corrections) narrowed to float once per step, then every
 * operation in float. {@link #apply} is the reference for one parameter; the fused mini-batch kernels
 * ({@link Kernels#stepBatch}) give its bits lane by lane. With {@code d} the direction of steepest descent
 * ({@code -dL/dp}), and each {@code *}, {@code +}, {@code /} and square root a float operation rounded on its own
 * (none fused, so that numpy's float32 formulas are these, operation for operation):
 * <ul>
 * <li>{@link Kind#SGD}: {@code p = fma(lr, d, p)} (as the double step, one fused multiply-add);
 * <li>{@link Kind#MOMENTUM}: {@code v = mu v + lr d; p = v + p};
 * <li>{@link Kind#NESTEROV}: {@code v = mu v + lr d; p = (mu v + lr d) + p};
 * <li>{@link Kind#ADAM}: {@code m = b1 m + (1-b1) d; v = b2 v + ((1-b2) d) d; p = (lr (m / c1)) / (sqrt(v / c2) + eps) + p}
 * with {@code c1 = 1 - b1^t}, {@code c2 = 1 - b2^t}, {@code 1-b1}, {@code 1-b2} computed in double and narrowed.
 * </ul>
 * Immutable: the threads of a step share one.
 */
public final class FloatStep {

    /** The built-in optimizers that have a float step. */
    public enum Kind {
        SGD, MOMENTUM, NESTEROV, ADAM
    }

    final Kind kind;
    final float lr;
    final float mu;
    final float b1;
    final float ob1;
    final float b2;
    final float ob2;
    final float eps;
    final float c1;
    final float c2;

    private FloatStep(Kind kind, double lr, double mu, double b1, double b2, double eps, long t) {
        this.kind = kind;
        this.lr = (float) lr;
        this.mu = (float) mu;
        this.b1 = (float) b1;
        this.ob1 = (float) (1 - b1);
        this.b2 = (float) b2;
        this.ob2 = (float) (1 - b2);
        this.eps = (float) eps;
        this.c1 = (float) (1 - Math.pow(b1, t));
        this.c2 = (float) (1 - Math.pow(b2, t));
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static FloatStep sgd(double lr) {
        return new FloatStep(Kind.SGD, lr, 0, 0, 0, 0, 1);
    }

    /** Classical momentum; {@code nesterov} for Nesterov's form. */
    public static FloatStep momentum(double lr, double mu, boolean nesterov) {
        return new FloatStep(nesterov ? Kind.NESTEROV : Kind.MOMENTUM, lr, mu, 0, 0, 0, 1);
    }

    /** Adam's step number {@code t} (from 1). */
    public static FloatStep adam(double lr, double b1, double b2, double eps, long t) {
        return new FloatStep(Kind.ADAM, lr, 0, b1, b2, eps, t);
    }

    /** @return which optimizer */
    public Kind kind() {
        return kind;
    }

    /** @return how many float arrays of state it keeps per parameter: 0, 1 or 2 */
    public int slots() {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            case ADAM -> 2;
        };
    }

    /**
     * One parameter's step.
     *
     * @param s0 the first slot of state (the velocity, Adam's first moment); null without state; modified at {@code i}
     * @param s1 Adam's second moment, else null; modified at {@code i}
     * @return the new value of parameter {@code p}
     */
    public float apply(float p, float d, float[] s0, float[] s1, int i) {
        switch (kind) {
            case SGD:
                return Math.fma(lr, d, p);
            case MOMENTUM: {
                float v = mu * s0[i] + lr * d;
                s0[i] = v;
                return v + p;
            }
            case NESTEROV: {
                float g = lr * d;
                float v = mu * s0[i] + g;
                s0[i] = v;
                return (mu * v + g) + p;
            }
            default: {
                float m = b1 * s0[i] + ob1 * d;
                float v = b2 * s1[i] + ob2 * d * d;
                s0[i] = m;
                s1[i] = v;
                return lr * (m / c1) / ((float) Math.sqrt(v / c2) + eps) + p;
            }
        }
    }

    /**
     * The per-sample step of a row: parameters {@code p[off + j]}, {@code j < n}, with directions {@code a * x[j]} (a
     * float product), the state at the same indices.
     */
    public void row(float[] p, int off, int n, float a, float[] x, float[] s0, float[] s1) {
        for (int j = 0; j < n; j++) {
            p[off + j] = apply(p[off + j], a * x[j], s0, s1, off + j);
        }
    }
}
