package org.mynn.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.loss.Loss;

/** {@link NeuralNetwork#queryBatch} is {@link NeuralNetwork#query} of each sample, bit for bit. */
class QueryBatchTest {

    static final ActivationRegistry ACTS = ActivationRegistry.load();

    @Test
    void queryBatch_equalsQueryOfEachSample_bitForBit() {
        Random r = new Random(11);
        Object[][] cases = {
            {new int[] {784, 200, 10}, "sigmoid", "sigmoid", false},
            {new int[] {37, 13, 5}, "tanh", "sigmoid", true},
            {new int[] {50, 21, 19, 10}, "relu", "softmax", true},
            {new int[] {9, 3}, "sigmoid", "softplus", false},
        };
        for (Object[] c : cases) {
            int[] layers = (int[]) c[0];
            List<Activation> acts = new ArrayList<>();
            for (int k = 0; k < layers.length - 2; k++) {
                acts.add(ACTS.get((String) c[1]));
            }
            acts.add(ACTS.get((String) c[2]));
            Loss loss = c[2].equals("softmax") ? new CrossEntropy() : Loss.MSE;
            DMatrixRMaj[] w = new DMatrixRMaj[layers.length - 1];
            double[][] b = (boolean) c[3] ? new double[layers.length - 1][] : null;
            for (int k = 0; k < w.length; k++) {
                w[k] = new DMatrixRMaj(layers[k + 1], layers[k]);
                for (int i = 0; i < w[k].data.length; i++) {
                    w[k].data[i] = r.nextGaussian() / Math.sqrt(layers[k]);
                }
                if (b != null) {
                    b[k] = r.doubles(layers[k + 1], -0.5, 0.5).toArray();
                }
            }
            NeuralNetwork net = NeuralNetwork.wrap(layers, acts, loss, 0.1, w, b, Provenance.NONE);
            for (int count : new int[] {1, 3, 4, 7, 64, 65}) {
                double[] inputs = r.doubles((long) count * layers[0], 0.01, 1.0).toArray();
                double[] out = net.queryBatch(inputs, count);
                int m = net.outputSize();
                assertThat(out).hasSize(count * m);
                for (int s = 0; s < count; s++) {
                    double[] one = net.query(Arrays.copyOfRange(inputs, s * layers[0], (s + 1) * layers[0]));
                    assertThat(Arrays.copyOfRange(out, s * m, (s + 1) * m))
                            .as("%s, sample %d of %d", Arrays.toString(layers), s, count).containsExactly(one);
                }
            }
        }
    }

    @Test
    void queryBatch_refusesInputsOfTheWrongLength() {
        NeuralNetwork net = NeuralNetwork.builder(new int[] {4, 3, 2}).seed(1).build();
        assertThatThrownBy(() -> net.queryBatch(new double[7], 2)).isInstanceOf(MynnException.class)
                .hasMessageContaining("2 samples of 4 inputs need 8 values but got 7");
    }
}
