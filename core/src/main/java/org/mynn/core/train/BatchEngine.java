package org.mynn.core.train;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
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
 * traffic, the sigmoid's exponential in vectors; a built-in optimizer keeps the weights' state in float and steps
 * each tile of the gradient as the kernel makes it ({@link Kernels#stepBatch}: no gradient buffer); the loss, the
 * whole-layer activations (softmax), the backward pass and the biases (and their optimizer state) stay in double, as
 * in the per-sample float engine: the precision is the
 * layers' ({@link Layer}), the same strategy {@link SgdEngine} uses, and what both engines keep beside the weights is
 * the {@link EngineState} both extend. Not thread-safe; {@link #close()} stops its threads.
 */
public final class BatchEngine extends EngineState {

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

    /** The weight matrices in the run's precision: the strategy that does each product in double or in float. */
    private final Layer[] layers;
    private final int batch;
    private final int depth;
    private final int[] sizes;
    private final Activation[] acts;
    private final Loss loss;
    private final double[][] a;
    private final double[][] e;
    private final double[][] g;
    /** The deltas of the layer being updated, transposed: {@code gt[r * b + i]}. */
    private final double[] gt;
    /** With an optimizer, the gradient is computed and applied this many rows at a time (a multiple of the kernels' 4). */
    private static final int STEP_ROWS = 16;
    /**
     * The threads take rows ({@link #ROW_BLOCK}) and columns ({@link #COLUMN_BLOCK}) in blocks, as they come free
     * ({@link RowTeam#blocks}): every kernel's result is the same however its rows or columns are split.
     */
    private static final int ROW_BLOCK = 16;
    private static final int COLUMN_BLOCK = 64;
    private final double[] row;
    private final double[] target;
    private final double[] o1;
    private final double[] e1;
    private final double[] d1;
    private final double[] biasDir;
    /** The columns of a layer's transposed inputs and signals are padded to a multiple of this: the widest vector's lanes. */
    private final int pad;
    private final RowTeam team;

    /**
     * @param start    the network whose weights training starts from; not modified
     * @param settings learning rate, rule, batch size, precision, optimizer and threads
     */
    public BatchEngine(NeuralNetwork start, Kernels kernels, TrainingSettings settings) {
        super(start.layers(), start.allBiases(), settings);
        this.batch = settings.batch();
        this.depth = start.depth();
        this.sizes = start.layers();
        this.acts = start.activations().toArray(new Activation[0]);
        this.loss = start.loss();
        this.layers = new Layer[depth];
        for (int l = 0; l < depth; l++) {
            layers[l] = Layer.of(settings.precision(), start.weights(l).data, sizes[l + 1], sizes[l], kernels);
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
        o1 = new double[widest];
        e1 = new double[widest];
        d1 = new double[widest];
        biasDir = new double[widest];
        team = new RowTeam(settings.threads());
        pad = layers[0].lanes();
        int padded = (batch + pad - 1) / pad * pad;
        for (Layer layer : layers) {
            layer.batchBuffers(batch, padded, team.size(), steps != null && !steps.fused(), STEP_ROWS);
        }
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
        // one column per sample, the columns padded with zeros to a multiple of the widest vector so that the kernel
        // runs whole vectors (each sample's sums are its own: the padding changes nothing)
        int bp = (b + pad - 1) / pad * pad;
        for (int l = 0; l < depth; l++) {
            Layer layer = layers[l];
            double[] bl = bias == null ? null : bias[l];
            double[] al = a[l];
            double[] next = a[l + 1];
            Activation f = acts[l];
            team.run(RowTeam.blocks(sizes[l], COLUMN_BLOCK, (j0, j1) -> layer.batchInputs(al, b, bp, j0, j1)));
            team.run(RowTeam.blocks(sizes[l + 1], ROW_BLOCK, (r0, r1) -> layer.batchForward(b, bp, bl, f, next, r0, r1)));
            if (!f.elementwise()) {
                apply(f, next, b, sizes[l + 1]);
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
            addLoss(loss.value(o1, target, out, nl));
            loss.error(o1, target, e1, nl);
            loss.delta(o1, target, out, e1, d1, nl);
            System.arraycopy(e1, 0, e[depth], i * nl, nl);
            System.arraycopy(d1, 0, g[depth], i * nl, nl);
        }
        stepTaken();
        for (int l = depth - 1; l >= 0; l--) {
            final int layer = l;
            int n = sizes[l];
            int m = sizes[l + 1];
            if (l < depth - 1 && !acts[l].elementwise()) {
                backward(acts[l], a[l + 1], e[l + 1], g[l + 1], b, m);
            }
            // the deltas row by row on the team: for the first layer inside its update, otherwise before the errors
            // are sent back (they need every row)
            RowTeam.RowsTask before = l == 0 ? (r0, r1) -> deltas(layer, b, m, r0, r1) : null;
            if (l > 0) {
                team.run(RowTeam.blocks(m, ROW_BLOCK, (r0, r1) -> deltas(layer, b, m, r0, r1)));
                double[] v = book ? e[l + 1] : g[l + 1];
                double[] back = e[l];
                team.run(RowTeam.blocks(n, COLUMN_BLOCK, (j0, j1) -> layers[layer].batchBackprop(v, b, back, j0, j1)));
            }
            update(layer, b, m, before);
        }
    }

    /**
     * Rows {@code [r0, r1)} of layer {@code l}'s deltas: for a hidden layer with an elementwise activation, {@code g =
     * e * f'(y)} (bit for bit its backward pass, which its contract checks); then transposed into {@link #gt} for the
     * update, and handed to the layer ({@link Layer#batchDeltas}) with the deltas or errors it sends back.
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
        layers[l].batchDeltas(gt, l == 0 ? null : book ? el : gl, b, r0, r1);
    }

    /**
     * The update of layer {@code l}'s weights (and biases, in double) from {@link #gt} and the layer's inputs, each
     * block of rows after {@code before} (may be null) has run on it: the book's step, or the optimizer's with the
     * averaged gradient, computed and applied {@link #STEP_ROWS} rows at a time so that it is still in the cache when
     * the optimizer reads it.
     */
    private void update(int l, int b, int m, RowTeam.RowsTask before) {
        double alpha = learningRate() / b;
        double inv = 1.0 / b;
        Layer layer = layers[l];
        team.run(RowTeam.blocks(m, ROW_BLOCK, (part, r0, r1) -> {
            if (before != null) {
                before.rows(r0, r1);
            }
            if (steps == null) {
                layer.batchUpdate(alpha, gt, a[l], b, r0, r1);
                if (bias != null) {
                    for (int r = r0; r < r1; r++) {
                        bias[l][r] += alpha * rowSum(gt, r, b);
                    }
                }
                return;
            }
            for (int c0 = r0; c0 < r1; c0 += STEP_ROWS) {
                layer.batchStep(steps, l, inv, gt, a[l], b, part, c0, Math.min(r1, c0 + STEP_ROWS));
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
            out[l] = DMatrixRMaj.wrap(sizes[l + 1], sizes[l], layers[l].weights());
        }
        return out;
    }

    @Override
    public void close() {
        team.close();
    }
}
