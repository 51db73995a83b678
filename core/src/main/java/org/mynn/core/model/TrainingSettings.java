package org.mynn.core.model;

import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Schedule;

/**
 * How to train: what the arithmetic is (learning rate, backpropagation rule, precision, batch, optimizer and the
 * learning rate's schedule) and how it runs (threads). Immutable; the trainer takes one.
 *
 * @param learningRate positive and finite; the book's 0.1 by default
 * @param rule         the error each layer sends back ({@link BackpropRule#BOOK} by default)
 * @param order        the order each epoch visits the samples in ({@link Order#FILE} by default)
 * @param precision    double (the seed's numbers) or float
 * @param batch        1 for the book's per-sample SGD; more for mini-batch gradient descent with the gradient
 *                     averaged over {@code batch} samples
 * @param threads      threads for the per-sample engine (the first matrix's rows are shared out) or the mini-batch
 *                     kernels; results do not depend on it
 * @param optimizer    how the weights move given their gradient: the book's plain SGD by default
 * @param schedule     how the learning rate changes from epoch to epoch: constant by default
 */
public record TrainingSettings(double learningRate, BackpropRule rule, Order order, Precision precision, int batch,
        int threads, Configured optimizer, Schedule schedule) {

    /** The most threads a run may use. */
    public static final int MAX_THREADS = 256;

    /**
     * Values from people are checked by {@code org.mynn.core.run.RunSpec}, with the setting's name; these are the
     * record's invariants.
     *
     * @throws IllegalArgumentException when one does not hold
     */
    public TrainingSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate) || threads < 1 || threads > MAX_THREADS || batch < 1
                || rule == null || order == null || precision == null || optimizer == null || schedule == null) {
            throw new IllegalArgumentException("not valid training settings: lr " + learningRate + ", threads " + threads
                    + ", batch " + batch + " (check values with RunSpec)");
        }
    }

    /** Settings in the file's order. */
    public TrainingSettings(double learningRate, BackpropRule rule, Precision precision, int batch, int threads,
            Configured optimizer, Schedule schedule) {
        this(learningRate, rule, Order.FILE, precision, batch, threads, optimizer, schedule);
    }

    /** The book's training of {@code net}: its learning rate and rule, double, per sample, one thread. */
    public static TrainingSettings of(NeuralNetwork net) {
        return new TrainingSettings(net.learningRate(), net.rule(), Precision.DOUBLE, 1, 1, Configured.sgd(), Schedule.CONSTANT);
    }

    /** @return true for the book's arithmetic: plain SGD at a constant rate (any precision, batch, rule) */
    public boolean plain() {
        return optimizer.plain() && schedule.constant();
    }

    /** @return the learning rate of epoch {@code epoch} (from 1) of a run of {@code epochs}, by the schedule */
    public double learningRate(int epoch, int epochs) {
        return schedule.rate(learningRate, epoch, epochs);
    }

    /**
     * @param base the run's base rate (its own, or one changed while it runs)
     * @return the learning rate of epoch {@code epoch} (from 1) of a run of {@code epochs} at base rate {@code base}, by
     *         the schedule
     */
    public double learningRate(double base, int epoch, int epochs) {
        return schedule.rate(base, epoch, epochs);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(lr, rule, order, precision, batch, threads, optimizer, schedule);
    }

    public TrainingSettings withPrecision(Precision p) {
        return new TrainingSettings(learningRate, rule, order, p, batch, threads, optimizer, schedule);
    }

    public TrainingSettings withBatch(int b) {
        return new TrainingSettings(learningRate, rule, order, precision, b, threads, optimizer, schedule);
    }

    public TrainingSettings withThreads(int t) {
        return new TrainingSettings(learningRate, rule, order, precision, batch, t, optimizer, schedule);
    }

    public TrainingSettings withOptimizer(Configured o) {
        return new TrainingSettings(learningRate, rule, order, precision, batch, threads, o, schedule);
    }

    public TrainingSettings withSchedule(Schedule s) {
        return new TrainingSettings(learningRate, rule, order, precision, batch, threads, optimizer, s);
    }

    public TrainingSettings withRule(BackpropRule r) {
        return new TrainingSettings(learningRate, r, order, precision, batch, threads, optimizer, schedule);
    }

    public TrainingSettings withOrder(Order o) {
        return new TrainingSettings(learningRate, rule, o, precision, batch, threads, optimizer, schedule);
    }

    /**
     * @return true when a step on one sample is the book's: plain SGD, one sample at a time, in double, so that
     *         {@link SampleMath} predicts it bit for bit
     */
    public boolean bookStep() {
        return optimizer.plain() && batch == 1 && precision == Precision.DOUBLE;
    }

    /** @return the optimizer as it was written, e.g. {@code sgd} or {@code adam:0.9:0.999:1e-8} */
    public String optimizerSpec() {
        return optimizer.spec();
    }
}
