package org.mynn.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.loss.Loss;
import org.mynn.core.loss.LossContract;
import org.mynn.core.loss.MeanSquaredError;
import org.mynn.core.optimize.Momentum;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.OptimizerContract;

/** Every installed loss and optimizer keeps its kind's contract, and each contract catches what it promises to. */
class PluginContractsTest {

    static List<Loss> losses() {
        return Registry.load(Loss.class, PluginContractsTest.class.getClassLoader(), "loss").all();
    }

    static List<Optimizer> optimizers() {
        return Registry.load(Optimizer.class, PluginContractsTest.class.getClassLoader(), "optimizer").all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyInstalledLoss_keepsTheContract(Loss l) {
        assertThat(LossContract.check(l, ActivationRegistry.load().all())).as(l.name()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void everyInstalledOptimizer_keepsTheContract(Optimizer o) {
        assertThat(OptimizerContract.check(o)).as(o.name()).isEmpty();
    }

    @Test
    void builtIns_areTheDocumentedOnes() {
        assertThat(losses()).extracting(Plugin::name).containsExactly("cross-entropy", "mse");
        assertThat(optimizers()).extracting(Plugin::name).containsExactly("adam", "momentum", "nesterov", "sgd");
    }

    /** The classic mistake: the cross-entropy's delta used with a tanh output, where the derivative does not cancel. */
    @Test
    void lossContract_catchesADeltaThatIsNotTheGradient() {
        Loss mse = new MeanSquaredError();
        Loss wrong = new Loss() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public double value(double[] o, double[] t, Activation f, int n) {
                return mse.value(o, t, f, n);
            }

            @Override
            public void error(double[] o, double[] t, double[] e, int n) {
                mse.error(o, t, e, n);
            }

            @Override
            public void delta(double[] o, double[] t, Activation f, double[] e, double[] d, int n) {
                for (int i = 0; i < n; i++) {
                    d[i] = t[i] - o[i];
                }
            }
        };
        assertThat(LossContract.check(wrong, List.of(ActivationRegistry.load().get("tanh"))))
                .anyMatch(p -> p.startsWith("with tanh outputs, delta[0] = "));
        assertThat(LossContract.check(new CrossEntropy(), List.of(ActivationRegistry.load().get("tanh"))))
                .containsExactly("accepts none of the output activations [tanh]");
    }

    @Test
    void optimizerContract_catchesARowStepThatRoundsDifferently_andOneThatDoesNotDescend() {
        Optimizer momentum = new Momentum();
        Optimizer rounding = new Delegating(momentum) {
            @Override
            public void stepRow(double[] p, int off, int n, double a, double[] x, double lr, long t, double[] s, double[][] st) {
                double la = lr * a;
                for (int j = 0; j < n; j++) {
                    double v = s[0] * st[0][off + j] + la * x[j];
                    st[0][off + j] = v;
                    p[off + j] += v;
                }
            }
        };
        assertThat(OptimizerContract.check(rounding)).anyMatch(p -> p.startsWith("stepRow gives "));
        Optimizer ascending = new Delegating(momentum) {
            @Override
            public double step(double p, double dir, double lr, long t, double[] s, double[][] st, int at) {
                return momentum.step(p, -dir, lr, t, s, st, at);
            }
        };
        assertThat(OptimizerContract.check(ascending)).anyMatch(p -> p.startsWith("after 2000 steps on (p - 3)^2 / 2"));
    }

    /** An optimizer that does what another does, for tests to change one method of. */
    static class Delegating implements Optimizer {
        final Optimizer d;

        Delegating(Optimizer d) {
            this.d = d;
        }

        @Override
        public String name() {
            return d.name();
        }

        @Override
        public int slots() {
            return d.slots();
        }

        @Override
        public double[] settings(List<Double> given) {
            return d.settings(given);
        }

        @Override
        public String usage() {
            return d.usage();
        }

        @Override
        public double step(double p, double dir, double lr, long t, double[] s, double[][] st, int at) {
            return d.step(p, dir, lr, t, s, st, at);
        }
    }
}
