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
import org.mynn.core.model.TrainingSettings;

/**
 * The book's per-sample training, fast. Per sample: the forward pass, the output error {@code e = t - o}, then for
 * each weight matrix from the last: the delta {@code d} (the loss's at the output, {@code e * f'(out)} for the book's
 * mean squared error; {@code f}'s backward pass of the error elsewhere); the error for the layer before,
 * {@code W^T e} (or {@code W^T d} under {@link BackpropRule#GRADIENT}), with the weights before their update; and
 * the update: {@code W += lr d (outer) in} and {@code b += lr d} for the book's SGD, or the optimizer's step with
 * those directions.
 *
 * <p>{@link #train} runs a sequence of samples and fuses the update of the first (largest) matrix for sample n with
 * the forward pass of sample n+1, so each of its rows is read once per sample; those rows can be shared out between
 * threads. The unfused step is {@link NeuralNetwork#train}'s ({@link BookStep}); the fusion changes no bit, so with the
 * book's settings the result is that of {@code NeuralNetwork.train} on each sample in turn, with any number of
 * threads; with an optimizer it does not depend on the number of threads either.
 *
 * <p>Trains its own copy of the weights (or, for {@link BookStep}, a network's own), in double or in
 * {@link Precision#FLOAT}: the precision is the layers' ({@link Layer}), the strategy {@link BatchEngine} uses too;
 * biases stay in double, in the {@link EngineState} both engines extend, and so does the optimizer's state, but for
 * float weights with a built-in optimizer, whose state is float ({@link Steps}). Not thread-safe; {@link #close()}
 * stops its threads.
 */
public final class SgdEngine extends EngineState {

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

    private final Layer[] layers;
    private final Activation[] acts;
    private final Loss loss;
    private final int depth;
    private final double[][] a;
    private final double[][] e;
    private final double[][] g;
    private final double[][] alpha;
    private final double[] target;
    private double[] next;
    private final RowTeam team;
    private final RowTeam.Task updateForward;
    /** Whether the team activates the first layer's signals (an elementwise activation) as it computes them. */
    private final boolean activateInTeam;
    private final RowTeam.Task update;

    /**
     * @param start    the network whose weights training starts from; not modified
     * @param settings learning rate, rule, precision, optimizer, and the threads sharing the first matrix's rows
     */
    public SgdEngine(NeuralNetwork start, Kernels kernels, TrainingSettings settings) {
        this(start, copies(start), start.allBiases(), kernels, settings);
    }

    /**
     * An engine that trains the given weights and biases themselves, in place: {@link BookStep}, for
     * {@link NeuralNetwork#train}.
     *
     * @param weights row-major, one per weight matrix of {@code net}; kept and trained (copied into float in float)
     * @param biases  one per weight matrix, kept and trained; null without biases
     */
    SgdEngine(NeuralNetwork net, double[][] weights, double[][] biases, Kernels kernels, TrainingSettings settings) {
        super(net.layers(), biases, settings);
        if (settings.batch() != 1) {
            throw new MynnException("the per-sample engine trains with batch 1, not " + settings.batch());
        }
        int threads = settings.threads();
        this.depth = net.depth();
        int[] sizes = net.layers();
        this.layers = new Layer[depth];
        this.acts = new Activation[depth];
        this.loss = net.loss();
        for (int k = 0; k < depth; k++) {
            layers[k] = Layer.of(settings.precision(), weights[k], sizes[k + 1], sizes[k], kernels);
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
        this.activateInTeam = acts[0].elementwise();
        if (steps == null) {
            updateForward = RowTeam.rows(sizes[1], (r0, r1) -> {
                layers[0].updateForward(alpha[1], a[1], r0, r1);
                sgdBias(0, r0, r1, true);
                activateRows(r0, r1);
            });
            update = RowTeam.rows(sizes[1], (r0, r1) -> {
                layers[0].update(alpha[1], r0, r1);
                sgdBias(0, r0, r1, false);
            });
        } else {
            updateForward = RowTeam.rows(sizes[1], (r0, r1) -> {
                layers[0].stepRows(steps, 0, g[1], a[1], r0, r1);
                stepBias(0, r0, r1, true);
                activateRows(r0, r1);
            });
            update = RowTeam.rows(sizes[1], (r0, r1) -> {
                layers[0].stepRows(steps, 0, g[1], a[1], r0, r1);
                stepBias(0, r0, r1, false);
            });
        }
    }

    private static double[][] copies(NeuralNetwork net) {
        double[][] w = new double[net.depth()][];
        for (int k = 0; k < w.length; k++) {
            w[k] = net.weights(k).data;
        }
        return w;
    }

    /**
     * The first layer's activation of the next sample's signals, rows {@code [r0, r1)}, when it is elementwise: each
     * thread activates the rows it computed (bit for bit the bulk form, which {@code ActivationContract} checks).
     */
    private void activateRows(int r0, int r1) {
        if (activateInTeam) {
            Activation f = acts[0];
            double[] z = a[1];
            for (int r = r0; r < r1; r++) {
                z[r] = f.apply(z[r]);
            }
        }
    }

    /** The book's step of bias vector {@code k}, rows {@code [r0, r1)}; then, if {@code forward}, adds it to the signals. */
    private void sgdBias(int k, int r0, int r1, boolean forward) {
        if (bias == null) {
            return;
        }
        double[] b = bias[k];
        double[] al = alpha[k + 1];
        for (int r = r0; r < r1; r++) {
            b[r] += al[r];
        }
        if (forward) {
            addBias(k, a[k + 1], r0, r1);
        }
    }

    /** The optimizer's step of bias vector {@code k}; then, if {@code forward}, adds it to the signals. */
    private void stepBias(int k, int r0, int r1, boolean forward) {
        if (bias == null) {
            return;
        }
        steps.biases(depth + k, bias[k], g[k + 1], r0, r1);
        if (forward) {
            addBias(k, a[k + 1], r0, r1);
        }
    }

    private void addBias(int k, double[] z, int r0, int r1) {
        double[] b = bias[k];
        for (int r = r0; r < r1; r++) {
            z[r] += b[r];
        }
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
        data = TeamInputs.of(data, team, to);
        data.input(from, a[0]);
        forwardFrom(0);
        checkOutputs(from);
        int outputs = target.length;
        for (int i = from; i < to; i++) {
            data.target(i, target);
            loss.targets(data.label(i), target, outputs);
            addLoss(loss.value(a[depth], target, acts[depth - 1], outputs));
            stepTaken();
            backward(target);
            boolean last = i + 1 == to || stop.getAsBoolean();
            if (!last) {
                data.input(i + 1, next);
                layers[0].setInputs(a[0], next);
                team.run(updateForward);
                if (!activateInTeam) {
                    acts[0].apply(a[1], a[1], a[1].length);
                }
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

    /** Per-sample steps keep both cores busy: a producer thread of its own would take a core from the team. */
    @Override
    public boolean makesInputs() {
        return team.size() > 1;
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

    /**
     * One step on one sample with the given targets (taken as they are, not made from a label by the loss), as
     * {@link NeuralNetwork#train} is: the forward pass, then the errors, deltas and updates of every layer. Its
     * outputs are not checked: the book's step trains on whatever it is given.
     */
    void step(double[] inputs, double[] targets) {
        System.arraycopy(inputs, 0, a[0], 0, a[0].length);
        forwardFrom(0);
        addLoss(loss.value(a[depth], targets, acts[depth - 1], targets.length));
        stepTaken();
        backward(targets);
        layers[0].setInputs(a[0], null);
        team.run(update);
    }

    private void forwardFrom(int first) {
        for (int k = first; k < depth; k++) {
            layers[k].forward(a[k], a[k + 1]);
            if (bias != null) {
                addBias(k, a[k + 1], 0, a[k + 1].length);
            }
            acts[k].apply(a[k + 1], a[k + 1], a[k + 1].length);
        }
    }

    /** The errors and deltas of every layer; updates every matrix (and bias vector) but the first. */
    private void backward(double[] t) {
        double lr = learningRate();
        double[] out = a[depth];
        double[] eOut = e[depth];
        loss.error(out, t, eOut, out.length);
        for (int k = depth - 1; k >= 0; k--) {
            Activation f = acts[k];
            double[] ek = e[k + 1];
            double[] ak = a[k + 1];
            double[] gk = g[k + 1];
            if (k == depth - 1) {
                loss.delta(ak, t, f, ek, gk, ek.length);
            } else {
                f.backward(ak, ek, gk, ek.length);
            }
            if (steps == null) {
                double[] alk = alpha[k + 1];
                for (int i = 0; i < ek.length; i++) {
                    alk[i] = lr * gk[i];
                }
                if (k > 0) {
                    layers[k].backpropUpdate(book ? ek : gk, alk, a[k], e[k]);
                    sgdBias(k, 0, ek.length, false);
                }
            } else if (k > 0) {
                layers[k].backprop(book ? ek : gk, a[k], e[k]);
                layers[k].setInputs(a[k], null);
                layers[k].stepRows(steps, k, gk, null, 0, ek.length);
                stepBias(k, 0, ek.length, false);
            }
        }
    }

    @Override
    public void close() {
        team.close();
    }
}
