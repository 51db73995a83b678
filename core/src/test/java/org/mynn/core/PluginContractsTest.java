package org.mynn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.mynn.core.optimize.Adam;
import org.mynn.core.optimize.Momentum;
import org.mynn.core.optimize.Nesterov;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.OptimizerContract;
import org.mynn.core.optimize.RowSteps;
import org.mynn.core.optimize.Sgd;
import org.mynn.core.optimize.Step;

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
    void optimizerContract_catchesARowLoopThatRoundsDifferently_andOneThatDoesNotDescend() {
        Optimizer rounding = new Rounding(new Momentum());
        assertThat(OptimizerContract.check(rounding)).singleElement().asString().startsWith("row gives ")
                .endsWith("(parameter 0), and different state");
        Optimizer ascending = new Delegating(new Momentum()) {
            @Override
            public double step(double p, double dir, Step s, double[][] st, int at) {
                return d.step(p, -dir, s, st, at);
            }
        };
        assertThat(OptimizerContract.check(ascending)).anyMatch(p -> p.startsWith("after 2000 steps on (p - 3)^2 / 2"));
    }

    /** A plugin that writes only {@code step} is stepped a parameter at a time, and keeps the contract. */
    @Test
    void anOptimizerWithOnlyAStep_keepsTheContract() {
        assertThat(RowSteps.of(new Delegating(new Adam()))).isInstanceOf(RowSteps.EachParameter.class);
        assertThat(OptimizerContract.check(new Delegating(new Adam(0.8, 0.99, 1e-6)))).isEmpty();
    }

    @Test
    void optimizerContract_catchesSettingsThatAreNotChecked_andAConfigureThatLosesTheName() {
        Optimizer lax = new Delegating(new Momentum()) {
            @Override
            public Optimizer configure(List<Double> given) {
                return this;
            }
        };
        assertThat(OptimizerContract.check(lax)).containsExactly("configure(32 numbers) should be refused");
        Optimizer other = new Delegating(new Momentum()) {
            @Override
            public Optimizer configure(List<Double> given) {
                return new Nesterov();
            }
        };
        assertThat(OptimizerContract.check(other)).singleElement().asString()
                .startsWith("configure([]) must give an optimizer of the same name and slots, not Nesterov[mu=0.9]");
    }

    @Test
    void settings_fillTheDefaults_andNameTheOneThatIsWrong() {
        assertThat(new Adam().configure(List.of(0.8))).isEqualTo(new Adam(0.8, 0.999, 1e-8));
        assertThat(new Momentum().configure(List.of())).isEqualTo(new Momentum(0.9));
        assertThatThrownBy(() -> new Adam().configure(List.of(0.9, 0.999, 0.0))).isInstanceOf(MynnException.class)
                .hasMessage("adam's EPS must be a positive number but is 0.0");
        assertThatThrownBy(() -> new Nesterov().configure(List.of(0.9, 0.9))).isInstanceOf(MynnException.class)
                .hasMessage("nesterov takes 1 setting (MU) but 2 were given");
        assertThatThrownBy(() -> new Sgd().configure(List.of(0.5))).isInstanceOf(MynnException.class)
                .hasMessage("sgd takes 0 settings () but 1 were given");
    }

    /** Momentum whose row loop multiplies the rate by the delta first: the same sum, rounded differently. */
    static final class Rounding extends Delegating implements RowSteps {
        Rounding(Optimizer d) {
            super(d);
        }

        @Override
        public void row(double[] p, int off, int n, double a, double[] x, Step s, double[][] st) {
            double la = s.lr() * a;
            for (int j = 0; j < n; j++) {
                double v = 0.9 * st[0][off + j] + la * x[j];
                st[0][off + j] = v;
                p[off + j] += v;
            }
        }

        @Override
        public void row(float[] p, int off, int n, double a, float[] x, Step s, double[][] st) {
            ((RowSteps) d).row(p, off, n, a, x, s, st);
        }

        @Override
        public void each(double[] p, int off, int n, double[] dir, int doff, Step s, double[][] st) {
            ((RowSteps) d).each(p, off, n, dir, doff, s, st);
        }

        @Override
        public void each(float[] p, int off, int n, float[] dir, int doff, Step s, double[][] st) {
            ((RowSteps) d).each(p, off, n, dir, doff, s, st);
        }
    }

    /** An optimizer that does what another does, for tests to change one method of; it has no row loops of its own. */
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
        public Optimizer configure(List<Double> given) {
            d.configure(given);
            return this;
        }

        @Override
        public String usage() {
            return d.usage();
        }

        @Override
        public double step(double p, double dir, Step s, double[][] st, int at) {
            return d.step(p, dir, s, st, at);
        }
    }
}
