package org.mynn.core.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;
import org.mynn.core.activation.Activation;

/**
 * The promises every {@link Loss} must keep, checked numerically with the output activations it accepts: a plugin author
 * runs {@code LossContract.check(new MyLoss(), activations)} in a test, and {@code mynn plugins --check} runs it on
 * everything installed.
 *
 * <ul>
 *   <li>its name matches {@link Plugin#NAME_PATTERN}; it accepts at least one of the activations given as its output;</li>
 *   <li>its targets are finite, and its value and error are finite on outputs inside the activation's range;</li>
 *   <li>its delta is {@code -dL/dz}, the gradient of its value with respect to the output layer's signals, by central
 *       finite differences through the activation (whole-layer ones such as softmax included).</li>
 * </ul>
 */
public final class LossContract {

    private static final double STEP = 1e-6;

    private LossContract() {
    }

    /**
     * @param outputs output activations to try it with (those it refuses by {@link Loss#checkOutput} are skipped)
     * @return the broken promises, one sentence each
     */
    public static List<String> check(Loss loss, List<Activation> outputs) {
        List<String> problems = new ArrayList<>();
        if (loss.name() == null || !loss.name().matches(Plugin.NAME_PATTERN)) {
            problems.add("name '" + loss.name() + "' does not match " + Plugin.NAME_PATTERN);
        }
        int accepted = 0;
        int n = 5;
        for (Activation f : outputs) {
            try {
                loss.checkOutput(f);
            } catch (MynnException refused) {
                continue;
            }
            accepted++;
            for (int label = 0; label < n; label += 2) {
                double[] t = new double[n];
                Arrays.fill(t, 0.01);
                t[label] = 0.99;
                loss.targets(label, t, n);
                for (double v : t) {
                    if (!Double.isFinite(v)) {
                        problems.add("targets(" + label + ") gave " + Arrays.toString(t));
                        break;
                    }
                }
                double[] z = {0.3, -1.2, 0.8, 2.0, -0.4};
                double[] o = forward(f, z);
                double value = loss.value(o, t, f, n);
                double[] e = new double[n];
                loss.error(o, t, e, n);
                double[] d = new double[n];
                loss.delta(o, t, f, e, d, n);
                if (!Double.isFinite(value)) {
                    problems.add("value with " + f.name() + " outputs " + Arrays.toString(o) + " is " + value);
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    double[] up = z.clone();
                    double[] down = z.clone();
                    up[i] += STEP;
                    down[i] -= STEP;
                    double numeric = -(loss.value(forward(f, up), t, f, n) - loss.value(forward(f, down), t, f, n)) / (2 * STEP);
                    if (!(Math.abs(numeric - d[i]) <= 1e-6 + 1e-5 * Math.abs(numeric))) {
                        problems.add("with " + f.name() + " outputs, delta[" + i + "] = " + d[i] + " but -dL/dz by finite"
                                + " differences is " + numeric);
                        break;
                    }
                }
            }
        }
        if (accepted == 0) {
            problems.add("accepts none of the output activations " + outputs.stream().map(Activation::name).toList());
        }
        return problems;
    }

    private static double[] forward(Activation f, double[] z) {
        double[] o = new double[z.length];
        f.apply(z, o, z.length);
        return o;
    }
}
