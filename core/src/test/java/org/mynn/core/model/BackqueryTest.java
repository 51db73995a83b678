package org.mynn.core.model;

import org.mynn.core.MynnException;
import org.mynn.core.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.activation.Interval;

class BackqueryTest {

    static final ActivationRegistry REG = ActivationRegistry.load();

    @Test
    void backquery_withoutInverse_failsNamingActivation() {
        NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).activations(List.of(REG.get("relu"), REG.get("sigmoid"))).seed(1).build();
        assertThatThrownBy(() -> net.backquery(new double[] {0.99, 0.01})).isInstanceOf(MynnException.class)
                .hasMessage("backquery needs the inverse of every activation, but activation 'relu' (weight matrix 0) has none");
    }

    @Test
    void backquery_targetOutsideRange_failsNamingTargetAndRange() {
        NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).seed(1).build();
        assertThatThrownBy(() -> net.backquery(new double[] {1.0, 0.01})).isInstanceOf(MynnException.class)
                .hasMessage("backquery: target 1.0 at index 0 lies outside the range (0, 1) of activation 'sigmoid'");
    }

    @Test
    void backquery_sigmoid_inputsSpanExactlyTheSeedsRange() {
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10).seed(3).build();
        double[] img = net.backquery(new double[] {0.99, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01});
        assertThat(img).hasSize(784);
        double min = 1;
        double max = 0;
        for (double v : img) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isCloseTo(0.01, within(Tolerance.ROUNDING));
        assertThat(max).isCloseTo(0.99, within(Tolerance.ROUNDING));
    }

    @Test
    void backquery_tanhHidden_rescalesHiddenIntoMiddleOfMinusOneToOne() {
        NeuralNetwork net = NeuralNetwork.builder(6, 5, 3).activations(List.of(REG.get("tanh"), REG.get("sigmoid"))).seed(4).build();
        double[] img = net.backquery(new double[] {0.9, 0.1, 0.1});
        for (double v : img) {
            assertThat(v).isBetween(0.01 - 1e-12, 0.99 + 1e-12);
        }
    }

    @Test
    void rescale_constantVector_becomesMiddleOfRange() {
        double[] v = {3, 3, 3};
        Backquery.rescale(v, new Interval(0, 1));
        assertThat(v).containsOnly(0.5);
    }

    @Test
    void rescale_sigmoidRange_isTheSeedsArithmetic() {
        double[] v = {-2, 0, 6};
        Backquery.rescale(v, new Interval(0, 1));
        assertThat(v).containsExactly(((-2 + 2) / 8.0) * 0.98 + 0.01, ((0 + 2) / 8.0) * 0.98 + 0.01, ((6 + 2) / 8.0) * 0.98 + 0.01);
    }
}
