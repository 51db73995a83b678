package org.mynn.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mynn.core.activation.Activation;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Momentum;
import org.mynn.core.optimize.Nesterov;
import org.mynn.core.optimize.Optimizer;

/**
 * Why a run went wrong (it diverged, or answers no better than guessing) and what to try, from the run's own settings:
 * not a fixed "the book uses 0.1".
 */
public final class Diagnosis {

    /**
     * One thing to try: a setting (by its run-specification field name, e.g. "lr") and a value, and why.
     */
    public record Hint(String field, String value, String why) {
    }

    /**
     * What was found, and what to try.
     *
     * @param cause for people, e.g. "the training pictures are blank"
     * @param hints may be empty
     */
    public record Finding(String cause, List<Hint> hints) {

        /** @return the cause and the hints, each setting named by {@code names} (e.g. "lr" to "--lr") */
        public String render(Function<String, String> names) {
            if (hints.isEmpty()) {
                return cause;
            }
            List<String> tries = new ArrayList<>();
            for (Hint h : hints) {
                tries.add(names.apply(h.field()) + " " + h.value() + " (" + h.why() + ")");
            }
            return cause + "; try " + String.join(", or ", tries);
        }
    }

    private Diagnosis() {
    }

    /**
     * Why a network answers no better than guessing after epoch {@code epoch}: blank training pictures (e.g. shifted out
     * of the frame), a single class to learn from, a loss that is still falling (it learns, just not enough yet), or else
     * settings that make the steps too large.
     *
     * @param lossBefore the previous epoch's training loss; may be null
     * @param lossNow    this epoch's; may be null
     */
    public static Finding atChance(TrainingData train, int epoch, TrainingSettings s, NeuralNetwork net, Double lossBefore,
            Double lossNow) {
        TrainingData seen = train.forEpoch(epoch);
        int n = Math.min(seen.size(), 256);
        double[] first = new double[seen.inputSize()];
        double[] x = new double[seen.inputSize()];
        boolean blank = n > 0;
        if (blank) {
            seen.input(0, first);
            blank = Arrays.stream(first).allMatch(v -> v == first[0]);
        }
        for (int i = 1; i < n && blank; i++) {
            seen.input(i, x);
            blank = Arrays.equals(x, first);
        }
        if (blank) {
            String aug = train.reference() != null && train.reference().augment() != null
                    ? " after augment " + train.reference().augment() : "";
            return new Finding("the training pictures are blank" + aug + " (every value the same), so there is nothing"
                    + " to learn", List.of());
        }
        int label = onlyClass(seen);
        if (label >= 0) {
            return new Finding("the training data has only one class ('" + seen.classNames().get(label) + "'), so the"
                    + " network can only learn to answer it", List.of());
        }
        if (lossBefore != null && lossNow != null && Double.isFinite(lossNow) && lossNow < 0.98 * lossBefore) {
            return new Finding(String.format(Locale.ROOT, "its training loss is still falling (%.4g to %.4g): it learns, but"
                    + " slowly; more epochs or more samples may be all it needs", lossBefore, lossNow), List.of());
        }
        return new Finding("the steps are probably too large for this network", hints(s, net));
    }

    /** @return the one class every sample of {@code data} has; -1 when it has two or more (or no samples) */
    public static int onlyClass(TrainingData data) {
        int label = data.size() == 0 ? -1 : data.label(0);
        for (int i = 1; i < data.size(); i++) {
            if (data.label(i) != label) {
                return -1;
            }
        }
        return label;
    }

    /** @return what to try when a run diverges or stays at chance, from its settings */
    public static List<Hint> hints(TrainingSettings s, NeuralNetwork net) {
        List<Hint> out = new ArrayList<>();
        if (s.rule() == BackpropRule.BOOK && !booksNetwork(s, net)) {
            out.add(new Hint("rule", "gradient", "the book's rule is the gradient only for its own sigmoid network"));
        }
        double lr = s.learningRate();
        String optimizer = s.optimizer().optimizer().name();
        if (optimizer.equals("adam")) {
            if (lr > 0.003) {
                out.add(new Hint("lr", "0.001", "adam moves each weight by about the learning rate whatever its gradient"));
            }
        } else if (momentum(s.optimizer().optimizer()) > 0) {
            double mu = momentum(s.optimizer().optimizer());
            long times = Math.round(1 / (1 - mu));
            out.add(new Hint("lr", fmt(lr / Math.max(2, times)), String.format(Locale.ROOT, "%s %s makes each step about"
                    + " %d times the learning rate %s", optimizer, fmt(mu), times, fmt(lr))));
        }
        boolean rectified = net.activations().subList(0, net.depth() - 1).stream().map(Activation::name)
                .anyMatch(a -> a.equals("relu") || a.equals("leaky-relu"));
        WeightInit init = net.provenance().init();
        if (rectified && init != WeightInit.HE) {
            out.add(new Hint("init", "he", "relu layers keep their signal's size with He's initial weights"));
        }
        if (out.stream().noneMatch(h -> h.field().equals("lr"))) {
            out.add(new Hint("lr", fmt(lr / 10), "a tenth of " + fmt(lr)));
        }
        return out;
    }

    /** @return true for the book's own network and update, where its rule is the gradient of its last layer */
    private static boolean booksNetwork(TrainingSettings s, NeuralNetwork net) {
        return net.depth() == 2 && net.activations().stream().allMatch(a -> a.name().equals("sigmoid"))
                && net.loss().name().equals("mse") && !net.hasBiases() && s.plain() && s.batch() == 1;
    }

    /**
     * @return the first weight matrix (from 1) with a value that is not finite (negated: -k), else the one with the
     *         largest weight (k); 0 for a network without weights
     */
    static int blownLayer(org.ejml.data.DMatrixRMaj[] weights, double[][] biases) {
        int largest = 0;
        double most = -1;
        for (int k = 0; k < weights.length; k++) {
            for (double v : weights[k].data) {
                if (!Double.isFinite(v)) {
                    return -(k + 1);
                }
                if (Math.abs(v) > most) {
                    most = Math.abs(v);
                    largest = k + 1;
                }
            }
            if (biases != null) {
                for (double v : biases[k]) {
                    if (!Double.isFinite(v)) {
                        return -(k + 1);
                    }
                }
            }
        }
        return largest;
    }

    /** @return the velocity's factor {@code mu} of momentum or Nesterov's momentum, 0 for any other optimizer */
    private static double momentum(Optimizer o) {
        return o instanceof Momentum m ? m.mu() : o instanceof Nesterov n ? n.mu() : 0;
    }

    static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
