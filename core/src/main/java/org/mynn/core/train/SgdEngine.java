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
 * The book's per-sample training, fast. Per sample: the forward pass, the output error {@code e = t - o}, then for
 * each weight matrix from the last: {@code alpha = lr * e * f'(out)}; the error for the layer before,
 * {@code W^T e} (or {@code W^T (e f')} under {@link BackpropRule#GRADIENT}), with the weights before their update;
 * and the update {@code W += alpha (outer) in}.
 *
 * <p>{@link #train} runs a sequence of samples and fuses the update of the first (largest) matrix for sample n with
 * the forward pass of sample n+1, so each of its rows is read once per sample; those rows can be shared out between
 * threads. The result is bit for bit the same as {@link NeuralNetwork#train} on each sample in turn, with any number
 * of threads.
 *
 * <p>Trains its own copy of the weights, in double or in {@link Precision#FLOAT}. Not thread-safe; {@link #close()}
 * stops its threads.
 */
public final class SgdEngine implements TrainingEngine {

    /** How often {@code train} reports progress, in samples. */
    public static final int REPORT_EVERY = 1000;

    /** Per-sample settings ({@code batch == 1}). */
    public static final Factory FACTORY = new Factory() {
        @Override
        public boolean handles(TrainingSettings settings) {
            return settings.batch() == 1;
        }

        @Override
        public TrainingEngine create(NeuralNetwork start, TrainingSettings settings, Kernels kernels) {
            return new SgdEngine(start, kernels, settings);
        }
    };

    private final double learningRate;
    private final boolean book;
    private final Layer[] layers;
    private final Activation[] acts;
    private final int depth;
    private final double[][] a;
    private final double[][] e;
    private final double[][] g;
    private final double[][] alpha;
    private final double[] target;
    private double[] next;
    private final RowTeam team;
    private final RowTeam.Task updateForward;
    private final RowTeam.Task update;

    /**
     * @param start    the network whose weights training starts from; not modified
     * @param settings learning rate, rule, precision, and the threads sharing the first matrix's rows
     */
    public SgdEngine(NeuralNetwork start, Kernels kernels, TrainingSettings settings) {
        if (settings.batch() != 1) {
            throw new MynnException("the per-sample engine trains with batch 1, not " + settings.batch());
        }
        this.learningRate = settings.learningRate();
        this.book = settings.rule() == BackpropRule.BOOK;
        NeuralNetwork net = start;
        Precision precision = settings.precision();
        int threads = settings.threads();
        this.depth = net.depth();
        int[] sizes = net.layers();
        this.layers = new Layer[depth];
        this.acts = new Activation[depth];
        for (int k = 0; k < depth; k++) {
            double[] w = net.weights(k).data;
            layers[k] = precision == Precision.FLOAT ? new FloatLayer(w, sizes[k + 1], sizes[k], kernels)
                    : new DoubleLayer(w, sizes[k + 1], sizes[k], kernels);
            acts[k] = net.activation(k);
        }
        a = new double[depth + 1][];
        e = new double[depth + 1][];
        g = new double[depth + 1][];
        alpha = new double[depth + 1][];
        for (int k = 0; k <= depth; k++) {
            a[k] = new double[sizes[k]];
            e[k] = new double[sizes[k]];
            g[k] = new double[sizes[k]];
            alpha[k] = new double[sizes[k]];
        }
        next = new double[sizes[0]];
        target = new double[sizes[depth]];
        team = new RowTeam(Math.min(threads, sizes[1]));
        updateForward = RowTeam.rows(sizes[1], (r0, r1) -> layers[0].updateForward(alpha[1], a[1], r0, r1));
        update = RowTeam.rows(sizes[1], (r0, r1) -> layers[0].update(alpha[1], r0, r1));
    }

    /**
     * Trains samples {@code [from, to)} of {@code data}, in order, until {@code stop} says so: then the sample
     * under way is finished (its update complete) and the run returns.
     *
     * @return the index after the last sample trained ({@code to} unless stopped)
     * @throws NonFiniteException when a forward pass gives outputs that are not finite (the run diverged)
     */
    @Override
    public int train(TrainingData data, int from, int to, IntConsumer done, BooleanSupplier stop) {
        if (from >= to) {
            return from;
        }
        data.input(from, a[0]);
        forwardFrom(0);
        checkOutputs(from);
        for (int i = from; i < to; i++) {
            data.target(i, target);
            backward(target);
            boolean last = i + 1 == to || stop.getAsBoolean();
            if (!last) {
                data.input(i + 1, next);
                layers[0].setInputs(a[0], next);
                team.run(updateForward);
                acts[0].apply(a[1], a[1], a[1].length);
                double[] t = a[0];
                a[0] = next;
                next = t;
                forwardFrom(1);
                checkOutputs(i + 1);
            } else {
                layers[0].setInputs(a[0], null);
                team.run(update);
            }
            if (done != null && ((i + 1 - from) % REPORT_EVERY == 0 || last)) {
                done.accept(i + 1 - from);
            }
            if (last) {
                return i + 1;
            }
        }
        return to;
    }

    private void checkOutputs(int sample) {
        for (double v : a[depth]) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteException(sample, "the outputs became " + v);
            }
        }
    }

    /** @return the outputs of the last forward pass (the last sample trained), live */
    public double[] outputs() {
        return a[depth];
    }

    @Override
    public DMatrixRMaj[] weights() {
        DMatrixRMaj[] out = new DMatrixRMaj[depth];
        for (int k = 0; k < depth; k++) {
            out[k] = DMatrixRMaj.wrap(layers[k].rows, layers[k].cols, layers[k].weights());
        }
        return out;
    }

    private void forwardFrom(int first) {
        for (int k = first; k < depth; k++) {
            layers[k].forward(a[k], a[k + 1]);
            acts[k].apply(a[k + 1], a[k + 1], a[k + 1].length);
        }
    }

    /** The errors and scaled deltas of every layer; updates every matrix but the first. */
    private void backward(double[] t) {
        double lr = learningRate;
        double[] out = a[depth];
        double[] eOut = e[depth];
        for (int i = 0; i < out.length; i++) {
            eOut[i] = t[i] - out[i];
        }
        for (int k = depth - 1; k >= 0; k--) {
            Activation f = acts[k];
            double[] ek = e[k + 1];
            double[] ak = a[k + 1];
            double[] gk = g[k + 1];
            double[] alk = alpha[k + 1];
            for (int i = 0; i < ek.length; i++) {
                gk[i] = ek[i] * f.derivativeFromOutput(ak[i]);
                alk[i] = lr * gk[i];
            }
            if (k > 0) {
                layers[k].backpropUpdate(book ? ek : gk, alk, a[k], e[k]);
            }
        }
    }

    @Override
    public void close() {
        team.close();
    }
}
