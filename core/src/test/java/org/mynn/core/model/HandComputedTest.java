package org.mynn.core.model;

import org.mynn.core.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.Sigmoid;

/**
 * The book's own worked example (chapter 1: a 3-3-3 network, inputs 0.9, 0.1, 0.8), with every number worked
 * out by hand, line by line, with scalar arithmetic (no matrices, no mynn code):
 *
 * <pre>
 * hidden inputs  = wih . x = [0.9*0.9+0.3*0.1+0.4*0.8, ...] = [1.16, 0.42, 0.62]
 * hidden outputs = s(.)    = [0.7613327148429104, 0.6034832498647263, 0.6502185485738271]   (book: 0.761 0.603 0.650)
 * final inputs   = who . h = [0.975947363645095, 0.8885849635528748, 1.2546111905772457]
 * final outputs  = s(.)    = [0.7263033450139793, 0.7085980724248232, 0.778097059561142]    (book: 0.726 0.708 0.778)
 * </pre>
 */
public class HandComputedTest {

    static final double[][] WIH = {{0.9, 0.3, 0.4}, {0.2, 0.8, 0.2}, {0.1, 0.5, 0.6}};
    static final double[][] WHO = {{0.3, 0.7, 0.5}, {0.6, 0.5, 0.2}, {0.8, 0.1, 0.9}};
    static final double[] X = {0.9, 0.1, 0.8};
    static final double[] T = {0.99, 0.01, 0.01};

    public static NeuralNetwork bookExample(double lr) {
        return NeuralNetwork.of(new int[] {3, 3, 3}, List.of(new Sigmoid()), lr,
                new DMatrixRMaj[] {new DMatrixRMaj(WIH), new DMatrixRMaj(WHO)}, null);
    }

    @Test
    void query_bookExample_matchesTheBooksPrintedOutputs() {
        double[] o = bookExample(0.3).query(X);
        assertThat(o[0]).isCloseTo(0.726, within(Tolerance.BOOK_PRINT));
        assertThat(o[1]).isCloseTo(0.708, within(Tolerance.BOOK_PRINT));
        assertThat(o[2]).isCloseTo(0.778, within(Tolerance.BOOK_PRINT));
        assertThat(o).containsExactly(new double[] {0.7263033450139793, 0.7085980724248232, 0.778097059561142},
                within(Tolerance.ROUNDING));
    }

    @Test
    void forward_bookExample_keepsHiddenOutputs() {
        double[][] all = bookExample(0.3).forward(X);
        assertThat(all[0]).containsExactly(X);
        assertThat(all[1]).containsExactly(new double[] {0.7613327148429104, 0.6034832498647263, 0.6502185485738271},
                within(Tolerance.ROUNDING));
    }

    /**
     * One step, lr 0.3, targets [0.99, 0.01, 0.01], by hand:
     * <pre>
     * e_o = t - o;  e_h[j] = sum_k who[k][j] e_o[k]   (with who before its update)
     * who[k][j] += 0.3 * e_o[k] o[k] (1 - o[k]) h[j];   wih[j][i] += 0.3 * e_h[j] h[j] (1 - h[j]) x[i]
     * </pre>
     */
    @Test
    void train_oneStep_updatesBothMatricesAsWorkedOutByHand() {
        NeuralNetwork net = bookExample(0.3);
        net.train(X, T);
        double[][] who = {
            {0.311972584241744, 0.7094902713447401, 0.510225222424536},
            {0.5670530272586297, 0.47388402495317805, 0.17186153651598243},
            {0.7697093438850126, 0.07598959924298103, 0.8741301719071668}};
        double[][] wih = {
            {0.8531704923533658, 0.29479672137259616, 0.3583737709807696},
            {0.18439565400814098, 0.7982661837786824, 0.18612947022945864},
            {0.05706656632780394, 0.4952296184808671, 0.5618369478469368}};
        assertMatrix(net.weights(1), who);
        assertMatrix(net.weights(0), wih);
    }

    /**
     * Backquery of [0.99, 0.01, 0.01] on the example's weights, by hand: logit of the targets, times who^T,
     * rescaled (-min, /max, *0.98, +0.01) = [0.01, 0.99, 0.41833333333333333]; logit, times wih^T, rescaled.
     */
    @Test
    void backquery_bookExample_matchesHandComputation() {
        double[] in = bookExample(0.3).backquery(T);
        assertThat(in).containsExactly(new double[] {0.01, 0.99, 0.39832783197669486}, within(Tolerance.ROUNDING));
    }

    static void assertMatrix(DMatrixRMaj actual, double[][] expected) {
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertThat(actual.get(r, c)).as("(%d,%d)", r, c).isCloseTo(expected[r][c], within(Tolerance.ROUNDING));
            }
        }
    }
}
