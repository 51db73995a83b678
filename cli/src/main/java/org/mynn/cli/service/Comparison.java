package org.mynn.cli.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Confidence;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.TrainingData;

/**
 * Whether two networks differ beyond chance on the same test images: each one's accuracy with its 95% Wilson interval,
 * the images only one of them gets right, and McNemar's exact test on those.
 *
 * @param n       test images
 * @param rightA  images the first gets right
 * @param rightB  images the second gets right
 * @param onlyA   images only the first gets right
 * @param onlyB   images only the second gets right
 * @param p       McNemar's two-sided p-value: the chance of a split at least this lopsided if both were equally good
 */
public record Comparison(int n, int rightA, int rightB, int onlyA, int onlyB, double p) {

    /** The level below which the difference is called beyond chance. */
    public static final double LEVEL = 0.05;

    /**
     * @return the comparison of {@code a} and {@code b} on {@code test}
     * @throws MynnException when a network does not fit the test data
     */
    public static Comparison of(NeuralNetwork a, NeuralNetwork b, TrainingData test) {
        Evaluator.checkFits(a, test);
        Evaluator.checkFits(b, test);
        int n = test.size();
        boolean[] okA = new boolean[n];
        boolean[] okB = new boolean[n];
        Evaluator.evaluate(a, test, (i, label, said, outputs) -> okA[i] = label == said);
        Evaluator.evaluate(b, test, (i, label, said, outputs) -> okB[i] = label == said);
        return of(okA, okB);
    }

    /**
     * @param okA whether the first network answers each test image right
     * @param okB the same for the second, on the same images in the same order
     * @return their comparison
     * @throws IllegalArgumentException when the two are not of the same length
     */
    public static Comparison of(boolean[] okA, boolean[] okB) {
        if (okA.length != okB.length) {
            throw new IllegalArgumentException("the two answer lists differ in length: " + okA.length + " and " + okB.length);
        }
        int n = okA.length;
        int ra = 0;
        int rb = 0;
        int oa = 0;
        int ob = 0;
        for (int i = 0; i < n; i++) {
            ra += okA[i] ? 1 : 0;
            rb += okB[i] ? 1 : 0;
            oa += okA[i] && !okB[i] ? 1 : 0;
            ob += okB[i] && !okA[i] ? 1 : 0;
        }
        return new Comparison(n, ra, rb, oa, ob, Confidence.mcnemar(oa, ob));
    }

    /** @return true when the networks differ beyond chance at the {@link #LEVEL} level */
    public boolean differ() {
        return p < LEVEL;
    }

    /** @return the verdict as {@code mynn compare} says it, e.g. "they differ beyond chance (p < 0.05); B is better" */
    public String verdict() {
        return differ()
                ? "they differ beyond chance (p < 0.05); " + (onlyA > onlyB ? "A" : "B") + " is better"
                : "no evidence that they differ (p >= 0.05): the gap is within what chance gives on "
                        + String.format(java.util.Locale.ROOT, "%,d", n) + " images";
    }

    /** @return the first network's accuracy and its 95% interval */
    public double[] a() {
        double[] ci = Confidence.wilson95(rightA, n);
        return new double[] {(double) rightA / n, ci[0], ci[1]};
    }

    /** @return the second network's accuracy and its 95% interval */
    public double[] b() {
        double[] ci = Confidence.wilson95(rightB, n);
        return new double[] {(double) rightB / n, ci[0], ci[1]};
    }

    /** @return as JSON */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", n);
        m.put("rightA", rightA);
        m.put("rightB", rightB);
        m.put("accuracyA", a());
        m.put("accuracyB", b());
        m.put("onlyA", onlyA);
        m.put("onlyB", onlyB);
        m.put("mcnemarP", p);
        m.put("differ", differ());
        m.put("verdict", verdict());
        return m;
    }
}
