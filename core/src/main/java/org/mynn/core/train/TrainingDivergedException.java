package org.mynn.core.train;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mynn.core.MynnException;

/**
 * Training produced numbers that are not finite (NaN or infinity) and was stopped: where (epoch, sample, samples seen in
 * the run, the first layer whose weights blew up) and what to try, from the run's settings.
 */
public final class TrainingDivergedException extends MynnException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int sample;
    private final String where;
    private final transient List<Diagnosis.Hint> hints;

    /**
     * @param samplesSeen samples trained in this run before it happened
     * @param layer       the weight matrix (from 1) that blew up first, negated (-k); or, when every weight is still
     *                    finite, the one with the largest weight (k)
     * @param shape       that layer's shape, e.g. "200->10"
     * @param what        what stopped being finite, e.g. "the network's outputs"
     */
    public TrainingDivergedException(int epoch, int sample, long samplesSeen, int layer, String shape, String what,
            List<Diagnosis.Hint> hints) {
        super(where(epoch, sample, samplesSeen, layer, shape, what) + new Diagnosis.Finding("", hints).render(f -> f));
        this.epoch = epoch;
        this.sample = sample;
        this.where = where(epoch, sample, samplesSeen, layer, shape, what);
        this.hints = List.copyOf(hints);
    }

    private static String where(int epoch, int sample, long samplesSeen, int layer, String shape, String what) {
        return String.format(Locale.ROOT, "training diverged in epoch %d at sample %,d (%,d samples into the run): %s"
                + " became NaN or infinite%s", epoch, sample, samplesSeen, what,
                layer < 0 ? ", first in the weights of layer " + -layer + " (" + shape + ")"
                        : layer > 0 ? "; the largest weights are in layer " + layer + " (" + shape + ")" : "");
    }

    /** @return where it happened and what to try, each setting named by {@code names} (e.g. "lr" to "--lr") */
    public String describe(Function<String, String> names) {
        return where + new Diagnosis.Finding("", hints).render(names);
    }

    /** @return what to try */
    public List<Diagnosis.Hint> hints() {
        return hints;
    }

    /** @return the epoch it happened in, 1-based */
    public int epoch() {
        return epoch;
    }

    /** @return the sample of that epoch, 0-based */
    public int sample() {
        return sample;
    }
}
