package org.mynn.core.train;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance.OptimizerState;
import org.mynn.core.model.TrainingSettings;

/**
 * Mini-batch gradient descent: the book's rule with the update averaged over {@code batch} samples, {@code W +=
 * (lr / B) * sum_b d_b (outer) in_b} (and {@code b += (lr / B) sum_b d_b} with biases), or, with an optimizer, its
 * step with the averaged gradient; every matrix product a GEMM-style kernel shared out between threads (the
 * forward product on transposed operands, {@link Kernels#forwardBatchT}). The deltas {@code d} are the loss's at
 * the output and each activation's backward pass below. The last batch of an epoch may be smaller and is averaged
 * over its own size.
 *
 * <p>For networks bigger than the book's, where it uses both cores far better than per-sample training can; it is
 * not the seed's arithmetic (per-sample SGD is), so it needs a larger learning rate. Results do not depend on the
 * number of threads.
 *
 * <p>In {@link Precision#FLOAT} the weights, the three products and the elementwise activations' forward pass
 * ({@link Activation#apply(float[], int, int, Kernels)}) are 32-bit: twice the numbers per vector, half the memory
 * traffic, the sigmoid's exponential in vectors; the loss, the whole-layer activations (softmax), the backward pass,
 * the biases and the optimizer's state stay in double, as in the per-sample float engine. Not thread-safe;
 * {@link #close()} stops its threads.
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

    private double learningRate;
    private final boolean book;
    /** The weights in double; null in float. */
    private final double[][] w;
    /** The weights in float; null in double. */
    private final float[][] wf;
    private final double[][] bias;
    private final Kernels k;
    private final int batch;
    private final int depth;
    private final int[] sizes;
    private final Activation[] acts;
    private final Loss loss;
    private final Steps steps;
    private final double[][] a;
    private final double[][] e;
    private final double[][] g;
    /** Per part of the team (thread): the gradient of the {@link #STEP_ROWS} rows being stepped, kept in the cache. */
    private final double[][] grad;
    private final double[] gt;
    /** The columns of {@link #at} and {@link #zt} are padded to a multiple of this: the widest vector's lanes. */
    private static final int PAD = 8;
    /** With an optimizer, the gradient is computed and applied this many rows at a time (a multiple of the kernels' 4). */
    private static final int STEP_ROWS = 16;
    /**
     * The threads take rows ({@link #ROW_BLOCK}) and columns ({@link #COLUMN_BLOCK}) in blocks, as they come free
     * ({@link RowTeam#blocks}): every kernel's result is the same however its rows or columns are split.
     */
    private static final int ROW_BLOCK = 16;
    private static final int COLUMN_BLOCK = 64;
    /** A layer's inputs and outputs with one column per sample, for {@link Kernels#forwardBatchT}. */
    private final double[] at;
    private final double[] zt;
    private final double[] row;
    private final double[] target;
    private final double[] o1;
    private final double[] t1;
    private final double[] e1;
    private final double[] d1;
    private final double[] biasDir;
    /** Float copies for the float products (null in double): the transposed inputs and outputs of a layer, each
     * layer's activations (one row per sample), the deltas sent back and their transpose, the errors coming back. */
    private final float[] atf;
    private final float[] ztf;
    private final float[][] af;
    private final float[] vf;
    private final float[] gtf;
    private final float[] ef;
    /** As {@link #grad}, in float. */
    private final float[][] gradf;
    private final int pad;
    private double lossSum;
    private final RowTeam team;

    /**
     * @param start    the network whose weights training starts from; not modified
     * @param settings learning rate, rule, batch size, optimizer and threads; double precision only
     */
    public BatchEngine(NeuralNetwork start, Kernels kernels, TrainingSettings settings) {
        boolean single = settings.precision() == Precision.FLOAT;
        this.learningRate = settings.learningRate();
        this.book = settings.rule() == BackpropRule.BOOK;
        this.k = kernels;
        this.batch = settings.batch();
        int threads = settings.threads();
        this.depth = start.depth();
        this.sizes = start.layers();
        this.acts = start.activations().toArray(new Activation[0]);
        this.loss = start.loss();
        this.bias = start.allBiases();
        this.w = single ? null : new double[depth][];
        this.wf = single ? new float[depth][] : null;
        for (int l = 0; l < depth; l++) {
            double[] copy = start.weights(l).data;
            if (single) {
                wf[l] = narrow(copy);
            } else {
                w[l] = copy;
            }
        }
        this.steps = settings.optimizer().plain() ? null
                : new Steps(settings.optimizer(), SgdEngine.tensorSizes(sizes, bias != null), learningRate);
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
        // float vectors have twice the lanes
        pad = single ? 2 * PAD : PAD;
        int padded = (batch + pad - 1) / pad * pad;
        at = single ? null : new double[padded * widest];
        zt = single ? null : new double[padded * widest];
        atf = single ? new float[padded * widest] : null;
        ztf = single ? new float[padded * widest] : null;
        vf = single ? new float[batch * widest] : null;
        gtf = single ? new float[batch * widest] : null;
        ef = single ? new float[batch * widest] : null;
        af = single ? new float[depth][] : null;
        if (single) {
            for (int l = 0; l < depth; l++) {
                af[l] = new float[batch * sizes[l]];
            }
        }
        row = new double[sizes[0]];
        target = new double[sizes[depth]];
        o1 = new double[widest];
        t1 = new double[widest];
        e1 = new double[widest];
        d1 = new double[widest];
        biasDir = new double[widest];
        team = new RowTeam(threads);
        int parts = team.size();
        grad = steps != null && !single ? new double[parts][STEP_ROWS * widest] : null;
        gradf = steps != null && single ? new float[parts][STEP_ROWS * widest] : null;
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

    private static float[] narrow(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private void step(TrainingData data, int start, int b) {
        int n0 = sizes[0];
        for (int i = 0; i < b; i++) {
            data.input(start + i, row);
            System.arraycopy(row, 0, a[0], i * n0, n0);
        }
        for (int l = 0; l < depth; l++) {
            final int layer = l;
            double[] bl = bias == null ? null : bias[l];
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] al = a[layer];
            // one column per sample, the columns padded with zeros to a multiple of the widest vector so that the
            // kernel runs whole vectors (each sample's sums are its own: the padding changes nothing)
            int bp = (b + pad - 1) / pad * pad;
            team.run(RowTeam.blocks(n, COLUMN_BLOCK, (j0, j1) -> transpose(al, layer, n, b, bp, j0, j1)));
            double[] next = a[layer + 1];
            Activation f = acts[l];
            boolean each = f.elementwise();
            team.run(RowTeam.blocks(m, ROW_BLOCK, (r0, r1) -> {
                if (wf != null) {
                    k.forwardBatchT(atf, bp, n, wf[layer], ztf, r0, r1);
                    if (each) {
                        // the activation in float, on whole padded rows (a multiple of 16 values: each value's result
                        // is its own, whatever the rows a thread has)
                        for (int r = r0; r < r1; r++) {
                            if (bl != null) {
                                for (int i = 0; i < b; i++) {
                                    ztf[r * bp + i] = (float) (ztf[r * bp + i] + bl[r]);
                                }
                            }
                        }
                        f.apply(ztf, r0 * bp, (r1 - r0) * bp, k);
                        for (int r = r0; r < r1; r++) {
                            for (int i = 0; i < b; i++) {
                                next[i * m + r] = ztf[r * bp + i];
                            }
                        }
                        return;
                    }
                } else {
                    k.forwardBatchT(at, bp, n, w[layer], zt, r0, r1);
                }
                for (int r = r0; r < r1; r++) {
                    double add = bl == null ? 0.0 : bl[r];
                    for (int i = 0; i < b; i++) {
                        double s = wf == null ? zt[r * bp + i] : ztf[r * bp + i];
                        double z = bl == null ? s : s + add;
                        // an elementwise activation runs on each thread's own rows, as the array form would
                        next[i * m + r] = each ? f.apply(z) : z;
                    }
                }
            }));
            if (!each) {
                apply(f, next, b, m);
            }
        }
        int nl = sizes[depth];
        for (int i = 0; i < b * nl; i++) {
            if (!Double.isFinite(a[depth][i])) {
                throw new NonFiniteException(start + i / nl, "the outputs became " + a[depth][i]);
            }
        }
        Activation out = acts[depth - 1];
        for (int i = 0; i < b; i++) {
            data.target(start + i, target);
            loss.targets(data.label(start + i), target, nl);
            System.arraycopy(a[depth], i * nl, o1, 0, nl);
            lossSum += loss.value(o1, target, out, nl);
            loss.error(o1, target, e1, nl);
            loss.delta(o1, target, out, e1, d1, nl);
            System.arraycopy(e1, 0, e[depth], i * nl, nl);
            System.arraycopy(d1, 0, g[depth], i * nl, nl);
        }
        if (steps != null) {
            steps.t++;
        }
        for (int l = depth - 1; l >= 0; l--) {
            final int layer = l;
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] el = e[l + 1];
            double[] gl = g[l + 1];
            if (l < depth - 1 && !acts[l].elementwise()) {
                backward(acts[l], a[l + 1], el, gl, b, m);
            }
            // the deltas row by row on the team: for the first layer inside its update, otherwise before the errors
            // are sent back (they need every row)
            RowTeam.RowsTask before = l == 0 ? (r0, r1) -> deltas(layer, b, m, r0, r1) : null;
            if (l > 0) {
                team.run(RowTeam.blocks(m, ROW_BLOCK, (r0, r1) -> deltas(layer, b, m, r0, r1)));
                double[] v = book ? el : gl;
                if (wf == null) {
                    team.run(RowTeam.blocks(n, COLUMN_BLOCK, (j0, j1) -> k.backpropBatch(v, b, m, w[layer], n, e[layer], j0, j1)));
                } else {
                    double[] back = e[layer];
                    team.run(RowTeam.blocks(n, COLUMN_BLOCK, (j0, j1) -> {
                        k.backpropBatch(vf, b, m, wf[layer], n, ef, j0, j1);
                        for (int i = 0; i < b; i++) {
                            for (int j = j0; j < j1; j++) {
                                back[i * n + j] = ef[i * n + j];
                            }
                        }
                    }));
                }
            }
            update(layer, b, n, m, before);
        }
    }

    /**
     * Columns {@code [j0, j1)} of a layer's inputs {@code al} (one row per sample) into {@link #at} (one column per
     * sample, padded to {@code bp} columns with zeros), or in float into {@link #af} and {@link #atf}.
     */
    private void transpose(double[] al, int layer, int n, int b, int bp, int j0, int j1) {
        if (wf == null) {
            for (int j = j0; j < j1; j++) {
                for (int i = 0; i < b; i++) {
                    at[j * bp + i] = al[i * n + j];
                }
                for (int i = b; i < bp; i++) {
                    at[j * bp + i] = 0.0;
                }
            }
            return;
        }
        float[] afl = af[layer];
        for (int i = 0; i < b; i++) {
            for (int j = j0; j < j1; j++) {
                afl[i * n + j] = (float) al[i * n + j];
            }
        }
        for (int j = j0; j < j1; j++) {
            for (int i = 0; i < b; i++) {
                atf[j * bp + i] = afl[i * n + j];
            }
            for (int i = b; i < bp; i++) {
                atf[j * bp + i] = 0f;
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} of layer {@code l}'s deltas: for a hidden layer with an elementwise activation, {@code g =
     * e * f'(y)} (bit for bit its backward pass, which its contract checks); then transposed into {@link #gt} for the
     * update, and in float narrowed into {@link #gtf} and, for the errors sent back, {@link #vf}.
     */
    private void deltas(int l, int b, int m, int r0, int r1) {
        double[] el = e[l + 1];
        double[] gl = g[l + 1];
        double[] y = a[l + 1];
        Activation f = acts[l];
        boolean compute = l < depth - 1 && f.elementwise();
        // sample by sample, so that the row-major arrays are read and written in order; the transposed writes, one
        // cache line per row of the block, stay in the L1 cache from one sample to the next
        for (int i = 0; i < b; i++) {
            int row = i * m;
            for (int r = r0; r < r1; r++) {
                int idx = row + r;
                double d;
                if (compute) {
                    d = el[idx] * f.derivativeFromOutput(y[idx]);
                    gl[idx] = d;
                } else {
                    d = gl[idx];
                }
                gt[r * b + i] = d;
            }
        }
        if (wf == null) {
            return;
        }
        for (int r = r0; r < r1; r++) {
            for (int i = 0; i < b; i++) {
                gtf[r * b + i] = (float) gt[r * b + i];
            }
        }
        if (l > 0) {
            double[] v = book ? el : gl;
            for (int i = 0; i < b; i++) {
                for (int r = r0; r < r1; r++) {
                    vf[i * m + r] = (float) v[i * m + r];
                }
            }
        }
    }

    /**
     * The update of layer {@code l}'s weights (and biases, in double) from {@link #gt} and the layer's inputs, in
     * double or float, each block of rows after {@code before} (may be null) has run on it: the book's step, or the
     * optimizer's with the averaged gradient, computed and applied {@link #STEP_ROWS} rows at a time so that it is
     * still in the cache when the optimizer reads it.
     */
    private void update(int l, int b, int n, int m, RowTeam.RowsTask before) {
        double alpha = learningRate / b;
        double inv = 1.0 / b;
        team.run(RowTeam.blocks(m, ROW_BLOCK, (part, r0, r1) -> {
            if (before != null) {
                before.rows(r0, r1);
            }
            if (steps == null) {
                if (wf == null) {
                    k.updateBatch(alpha, gt, b, a[l], n, w[l], r0, r1);
                } else {
                    k.updateBatch((float) alpha, gtf, b, af[l], n, wf[l], r0, r1);
                }
                if (bias != null) {
                    for (int r = r0; r < r1; r++) {
                        bias[l][r] += alpha * rowSum(gt, r, b);
                    }
                }
                return;
            }
            for (int c0 = r0; c0 < r1; c0 += STEP_ROWS) {
                int c1 = Math.min(r1, c0 + STEP_ROWS);
                if (wf == null) {
                    k.gradientBatch(inv, gt, b, a[l], n, grad[part], c0, c1);
                    steps.each(l, w[l], c0 * n, (c1 - c0) * n, grad[part], 0);
                } else {
                    k.gradientBatch((float) inv, gtf, b, af[l], n, gradf[part], c0, c1);
                    steps.each(l, wf[l], c0 * n, (c1 - c0) * n, gradf[part], 0);
                }
            }
            if (bias != null) {
                for (int r = r0; r < r1; r++) {
                    biasDir[r] = rowSum(gt, r, b) * inv;
                }
                steps.biases(depth + l, bias[l], biasDir, r0, r1);
            }
        }));
    }

    private static double rowSum(double[] gt, int r, int b) {
        double s = 0;
        for (int i = 0; i < b; i++) {
            s += gt[r * b + i];
        }
        return s;
    }

    /** {@code f} on each of {@code b} samples' {@code m} signals, in place: all at once when elementwise. */
    private void apply(Activation f, double[] z, int b, int m) {
        if (f.elementwise()) {
            f.apply(z, z, b * m);
            return;
        }
        for (int i = 0; i < b; i++) {
            System.arraycopy(z, i * m, o1, 0, m);
            f.apply(o1, o1, m);
            System.arraycopy(o1, 0, z, i * m, m);
        }
    }

    /** {@code d = f.backward(y, e)} for each of {@code b} samples of a whole-layer activation. */
    private void backward(Activation f, double[] y, double[] err, double[] d, int b, int m) {
        for (int i = 0; i < b; i++) {
            System.arraycopy(y, i * m, o1, 0, m);
            System.arraycopy(err, i * m, e1, 0, m);
            f.backward(o1, e1, d1, m);
            System.arraycopy(d1, 0, d, i * m, m);
        }
    }

    @Override
    public DMatrixRMaj[] weights() {
        DMatrixRMaj[] out = new DMatrixRMaj[depth];
        for (int l = 0; l < depth; l++) {
            double[] copy;
            if (wf == null) {
                copy = w[l].clone();
            } else {
                copy = new double[wf[l].length];
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = wf[l][i];
                }
            }
            out[l] = DMatrixRMaj.wrap(sizes[l + 1], sizes[l], copy);
        }
        return out;
    }

    @Override
    public double[][] biases() {
        if (bias == null) {
            return null;
        }
        double[][] out = new double[depth][];
        for (int l = 0; l < depth; l++) {
            out[l] = bias[l].clone();
        }
        return out;
    }

    @Override
    public void setLearningRate(double lr) {
        learningRate = lr;
        if (steps != null) {
            steps.lr = lr;
        }
    }

    @Override
    public OptimizerState optimizerState() {
        return steps == null ? null : steps.export();
    }

    @Override
    public void restore(OptimizerState state) {
        if (steps != null) {
            steps.restore(state);
        } else if (state != null) {
            throw new MynnException("the checkpoint holds the state of optimizer '" + state.optimizer()
                    + "' but this run uses the book's SGD");
        }
    }

    @Override
    public double lossSum() {
        return lossSum;
    }

    @Override
    public void close() {
        team.close();
    }
}
