package org.mynn.core.model;

import org.mynn.core.MynnException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.activation.Sigmoid;

class NetworkValidationTest {

    @Test
    void builder_oneLayer_failsSayingAtLeastTwo() {
        assertThatThrownBy(() -> NeuralNetwork.builder(784)).isInstanceOf(MynnException.class)
                .hasMessage("a network needs at least 2 layers but found 1");
    }

    @Test
    void builder_zeroSizedLayer_failsNamingTheLayer() {
        assertThatThrownBy(() -> NeuralNetwork.builder(784, 0, 10)).isInstanceOf(MynnException.class)
                .hasMessage("layer sizes must be positive but layer 1 has 0");
    }

    @Test
    void builder_badLearningRate_fails() {
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> NeuralNetwork.builder(2, 2).learningRate(lr)).isInstanceOf(MynnException.class)
                    .hasMessageStartingWith("learning rate must be a positive finite number but found");
        }
    }

    @Test
    void builder_wrongNumberOfActivations_fails() {
        assertThatThrownBy(() -> NeuralNetwork.builder(4, 3, 2).activations(List.of(new Sigmoid(), new Sigmoid(), new Sigmoid())).build())
                .isInstanceOf(MynnException.class)
                .hasMessage("expected 1 or 2 activations (one per weight matrix) but found 3");
    }

    @Test
    void perLayerActivations_areUsedInOrder() {
        ActivationRegistry reg = ActivationRegistry.load();
        NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).activations(List.of(reg.get("tanh"), reg.get("sigmoid"))).seed(1).build();
        assertThat(net.activation(0).name()).isEqualTo("tanh");
        assertThat(net.activation(1).name()).isEqualTo("sigmoid");
        double[][] all = net.forward(new double[] {1, 2, 3, 4});
        for (double h : all[1]) {
            assertThat(h).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void query_wrongInputLength_failsWithExpectedAndFound() {
        NeuralNetwork net = NeuralNetwork.builder(784, 20, 10).seed(1).build();
        assertThatThrownBy(() -> net.query(new double[783])).isInstanceOf(MynnException.class)
                .hasMessage("expected 784 inputs but found 783");
        assertThatThrownBy(() -> net.train(new double[784], new double[9])).isInstanceOf(MynnException.class)
                .hasMessage("expected 10 targets but found 9");
    }

    @Test
    void of_wrongWeightShape_failsWithShapes() {
        assertThatThrownBy(() -> NeuralNetwork.of(new int[] {3, 2}, List.of(new Sigmoid()), 0.1,
                new DMatrixRMaj[] {new DMatrixRMaj(3, 2)}, null))
                .isInstanceOf(MynnException.class).hasMessage("weight matrix 0 must be 2x3 but is 3x2");
    }

    @Test
    void of_copiesTheWeights() {
        DMatrixRMaj w = new DMatrixRMaj(2, 3);
        NeuralNetwork net = NeuralNetwork.of(new int[] {3, 2}, List.of(new Sigmoid()), 0.1, new DMatrixRMaj[] {w}, null);
        w.data[0] = 5;
        assertThat(net.weights(0).data[0]).isZero();
    }

    @Test
    void copy_isIndependent() {
        NeuralNetwork net = NeuralNetwork.builder(3, 2).seed(1).build();
        NeuralNetwork copy = net.copy();
        copy.train(new double[] {1, 1, 1}, new double[] {0.99, 0.01});
        assertThat(copy.weights(0).data).isNotEqualTo(net.weights(0).data);
    }
}
