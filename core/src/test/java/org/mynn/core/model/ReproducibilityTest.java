package org.mynn.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    static NeuralNetwork trained(long seed) {
        NeuralNetwork net = NeuralNetwork.builder(20, 8, 4).seed(seed).build();
        Random data = new Random(345);
        for (int n = 0; n < 200; n++) {
            double[] x = data.doubles(20, 0.01, 1.0).toArray();
            double[] t = {0.01, 0.01, 0.01, 0.01};
            t[data.nextInt(4)] = 0.99;
            net.train(x, t);
        }
        return net;
    }

    @Test
    void sameSeed_sameWeightsAndSameTrainingResult_bitForBit() {
        NeuralNetwork a = NeuralNetwork.builder(784, 200, 10).seed(42).build();
        NeuralNetwork b = NeuralNetwork.builder(784, 200, 10).seed(42).build();
        for (int k = 0; k < 2; k++) {
            assertThat(a.weights(k).data).containsExactly(b.weights(k).data);
        }
        NeuralNetwork ta = trained(9);
        NeuralNetwork tb = trained(9);
        for (int k = 0; k < 2; k++) {
            assertThat(ta.weights(k).data).containsExactly(tb.weights(k).data);
        }
        assertThat(ta.provenance().seed()).isEqualTo(9L);
    }

    @Test
    void differentSeed_differentWeights() {
        assertThat(trained(1).weights(0).data).isNotEqualTo(trained(2).weights(0).data);
    }

    @Test
    void noSeed_aRandomSeedIsDrawnAndRecorded_andRebuildsTheSameWeights() {
        NeuralNetwork a = NeuralNetwork.builder(30, 10, 3).build();
        NeuralNetwork b = NeuralNetwork.builder(30, 10, 3).seed(a.provenance().seed()).build();
        assertThat(a.weights(1).data).containsExactly(b.weights(1).data);
    }

    @Test
    void receivingInit_stdIsReceivingLayerSizeToTheMinusHalf_asTheSeed() {
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10).seed(5).build();
        assertThat(std(net.weights(0))).isCloseTo(Math.pow(200, -0.5), within(0.002));
        assertThat(std(net.weights(1))).isCloseTo(Math.pow(10, -0.5), within(0.01));
        assertThat(mean(net.weights(0))).isCloseTo(0, within(0.001));
        assertThat(net.provenance().init().label()).isEqualTo("receiving");
    }

    @Test
    void fanInInit_stdIsIncomingLinksToTheMinusHalf_andIsRecorded() {
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10).init(WeightInit.FAN_IN).seed(5).build();
        assertThat(std(net.weights(0))).isCloseTo(Math.pow(784, -0.5), within(0.001));
        assertThat(std(net.weights(1))).isCloseTo(Math.pow(200, -0.5), within(0.005));
        assertThat(net.provenance().init().label()).isEqualTo("fan-in");
    }

    static double mean(DMatrixRMaj w) {
        double s = 0;
        for (int i = 0; i < w.getNumElements(); i++) {
            s += w.data[i];
        }
        return s / w.getNumElements();
    }

    static double std(DMatrixRMaj w) {
        double m = mean(w);
        double s = 0;
        for (int i = 0; i < w.getNumElements(); i++) {
            s += (w.data[i] - m) * (w.data[i] - m);
        }
        return Math.sqrt(s / w.getNumElements());
    }
}
