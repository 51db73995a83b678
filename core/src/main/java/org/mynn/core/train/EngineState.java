package org.mynn.core.train;

import java.util.Arrays;
import org.mynn.core.MynnException;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance.OptimizerState;
import org.mynn.core.model.TrainingSettings;

/**
 * What both engines keep beside their weights, whatever the precision: the biases (always in double), the rule, the
 * learning rate of the epoch, the optimizer at work ({@link Steps}: its state and step count; null for the book's SGD)
 * and the sum of the loss, with the {@link TrainingEngine} methods over them (biases, learning rate, optimizer state,
 * restore, loss sum). {@link SgdEngine} and {@link BatchEngine} extend it with their arithmetic.
 */
abstract class EngineState implements TrainingEngine {

    /** The bias vectors being trained, one per weight matrix; null for a network without biases. */
    final double[][] bias;
    /** The optimizer with its state; null for the book's SGD. */
    final Steps steps;
    /** Whether the error sent back is {@code W^T e} ({@link BackpropRule#BOOK}) rather than {@code W^T d}. */
    final boolean book;
    private double learningRate;
    private double lossSum;

    /**
     * @param layers the layer sizes
     * @param bias   the bias vectors to train (kept, not copied); null without biases
     */
    EngineState(int[] layers, double[][] bias, TrainingSettings settings) {
        if (bias != null && bias.length != layers.length - 1) {
            throw new IllegalArgumentException("one bias vector per weight matrix");
        }
        this.bias = bias;
        this.book = settings.rule() == BackpropRule.BOOK;
        this.learningRate = settings.learningRate();
        this.steps = settings.optimizer().plain() ? null
                : new Steps(settings.optimizer(), tensorSizes(layers, bias != null), learningRate,
                        settings.precision() == Precision.FLOAT ? layers.length - 1 : 0);
    }

    /** @return the number of parameters of each tensor: the weight matrices, then (with biases) the bias vectors */
    static int[] tensorSizes(int[] layers, boolean biases) {
        int depth = layers.length - 1;
        int[] sizes = new int[biases ? 2 * depth : depth];
        for (int k = 0; k < depth; k++) {
            sizes[k] = layers[k] * layers[k + 1];
            if (biases) {
                sizes[depth + k] = layers[k + 1];
            }
        }
        return sizes;
    }

    /** @return the learning rate of the steps to come */
    final double learningRate() {
        return learningRate;
    }

    /** Counts a step of the optimizer (one sample, or one mini-batch): its bias corrections and schedules need it. */
    final void stepTaken() {
        if (steps != null) {
            steps.t++;
        }
    }

    /** Adds one sample's loss. */
    final void addLoss(double loss) {
        lossSum += loss;
    }

    @Override
    public final double lossSum() {
        return lossSum;
    }

    @Override
    public final double[][] biases() {
        return bias == null ? null : Arrays.stream(bias).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public final void setLearningRate(double lr) {
        learningRate = lr;
        if (steps != null) {
            steps.lr = lr;
        }
    }

    @Override
    public final OptimizerState optimizerState() {
        return steps == null ? null : steps.export();
    }

    @Override
    public final void restore(OptimizerState state) {
        if (steps != null) {
            steps.restore(state);
        } else if (state != null) {
            throw new MynnException("the checkpoint holds the state of optimizer '" + state.optimizer()
                    + "' but this run uses the book's SGD");
        }
    }
}
