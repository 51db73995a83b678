package org.mynn.core.train;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;

/**
 * Mini-batch gradient descent: the book's rule with the update averaged over {@code batch} samples,
 * {@code W += (lr / B) * sum_b (e_b * f'(out_b)) (outer) in_b}, every matrix product a GEMM-style kernel shared out
 * between threads. The last batch of an epoch may be smaller and is averaged over its own size.
 *
 * <p>For networks bigger than the book's, where it uses both cores far better than per-sample training can; it is
 * not the seed's arithmetic (per-sample SGD is), so it needs a larger learning rate. Results do not depend on the
 * number of threads. Double precision only. Not thread-safe; {@link #close()} stops its threads.
 */
public final class BatchEngine implements TrainingEngine {

    /** Mini-batch settings ({@code batch > 1}). */
    public static final Factory FACTORY = new Factory() {
        @Override
        public boolean handles(TrainingSettings settings) {
            return settings.batch() > 1;
        }

        @Override
        public TrainingEngine create(NeuralNetwork start, TrainingSettings settings, Kernels kernels) {
            return new BatchEngine(start, kernels, settings);
        }
    };

    private final double learningRate;
    private final boolean book;
    private final double[][] w;
    private final Kernels k;
    private final int batch;
    private final int depth;
    private final int[] sizes;
    private final Activation[] acts;
    private final double[][] a;
    private final double[][] e;
    private final double[][] g;
    private final double[] gt;
    private final double[] row;
    private final double[] target;
    private final RowTeam team;

    /**
     * @param start    the network whose weights training starts from; not modified
     * @param settings learning rate, rule, batch size and threads; double precision only
     */
    public BatchEngine(NeuralNetwork start, Kernels kernels, TrainingSettings settings) {
        if (settings.precision() != Precision.DOUBLE) {
            throw new MynnException("mini-batch training runs in double only; leave out the float precision");
        }
        this.learningRate = settings.learningRate();
        this.book = settings.rule() == BackpropRule.BOOK;
        this.k = kernels;
        this.batch = settings.batch();
        int threads = settings.threads();
        this.depth = start.depth();
        this.sizes = start.layers();
        this.acts = start.activations().toArray(new Activation[0]);
        this.w = new double[depth][];
        for (int l = 0; l < depth; l++) {
            w[l] = start.weights(l).data;
        }
        a = new double[depth + 1][];
        e = new double[depth + 1][];
        g = new double[depth + 1][];
        int widest = 0;
        for (int l = 0; l <= depth; l++) {
            a[l] = new double[batch * sizes[l]];
            e[l] = new double[batch * sizes[l]];
            g[l] = new double[batch * sizes[l]];
            widest = Math.max(widest, sizes[l]);
        }
        gt = new double[batch * widest];
        row = new double[sizes[0]];
        target = new double[sizes[depth]];
        team = new RowTeam(threads);
    }

    /**
     * Trains samples {@code [from, to)} in batches until {@code stop} says so, then returns after the batch under way.
     *
     * @return the index after the last sample trained
     * @throws NonFiniteException when a batch's outputs are not finite (the run diverged)
     */
    @Override
    public int train(TrainingData data, int from, int to, IntConsumer done, BooleanSupplier stop) {
        int start = from;
        while (start < to) {
            int b = Math.min(batch, to - start);
            step(data, start, b);
            start += b;
            if (done != null) {
                done.accept(start - from);
            }
            if (stop.getAsBoolean()) {
                break;
            }
        }
        return start;
    }

    private void step(TrainingData data, int start, int b) {
        int n0 = sizes[0];
        for (int i = 0; i < b; i++) {
            data.input(start + i, row);
            System.arraycopy(row, 0, a[0], i * n0, n0);
        }
        for (int l = 0; l < depth; l++) {
            final int layer = l;
            double[] wl = w[l];
            int n = sizes[l];
            int m = sizes[l + 1];
            team.run(RowTeam.rows(m, (r0, r1) -> k.forwardBatch(a[layer], b, n, wl, m, a[layer + 1], r0, r1)));
            acts[l].apply(a[l + 1], a[l + 1], b * m);
        }
        for (int i = 0; i < b * sizes[depth]; i++) {
            if (!Double.isFinite(a[depth][i])) {
                throw new NonFiniteException(start + i / sizes[depth], "the outputs became " + a[depth][i]);
            }
        }
        int nl = sizes[depth];
        for (int i = 0; i < b; i++) {
            data.target(start + i, target);
            for (int j = 0; j < nl; j++) {
                e[depth][i * nl + j] = target[j] - a[depth][i * nl + j];
            }
        }
        double alpha = learningRate / b;
        for (int l = depth - 1; l >= 0; l--) {
            final int layer = l;
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] wl = w[l];
            double[] el = e[l + 1];
            double[] gl = g[l + 1];
            double[] al = a[l + 1];
            Activation f = acts[l];
            for (int i = 0; i < b * m; i++) {
                gl[i] = el[i] * f.derivativeFromOutput(al[i]);
            }
            if (l > 0) {
                double[] v = book ? el : gl;
                team.run(RowTeam.rows(n, (j0, j1) -> k.backpropBatch(v, b, m, wl, n, e[layer], j0, j1)));
            }
            for (int i = 0; i < b; i++) {
                for (int r = 0; r < m; r++) {
                    gt[r * b + i] = gl[i * m + r];
                }
            }
            team.run(RowTeam.rows(m, (r0, r1) -> k.updateBatch(alpha, gt, b, a[layer], n, wl, r0, r1)));
        }
    }

    @Override
    public DMatrixRMaj[] weights() {
        DMatrixRMaj[] out = new DMatrixRMaj[depth];
        for (int l = 0; l < depth; l++) {
            out[l] = DMatrixRMaj.wrap(sizes[l + 1], sizes[l], w[l].clone());
        }
        return out;
    }

    @Override
    public void close() {
        team.close();
    }
}
